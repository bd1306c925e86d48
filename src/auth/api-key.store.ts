import { timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Counter, Gauge } from 'prom-client';
import { DataSource, type EntityManager } from 'typeorm';
import { AdminAuditLog, type AdminActor } from '../admin-audit/admin-audit-log.js';
import { DomainError, ValidationFailed } from '../common/errors/domain-error.js';
import { MetricsRegistry } from '../observability/metrics/metrics-registry.js';
import { ApiKeyCache, revoked, type CachedKey } from './api-key-cache.js';
import { generateApiKey, parseApiKey } from './api-key-format.js';
import { apiKeyChannel } from './api-key-revocations.js';
import { ApiKeyUsage } from './api-key-usage.js';
import type { Principal } from './principal.js';
import { isScope, type Scope } from './scopes.js';

export interface ApiKeyInfo {
  id: string;
  name: string;
  prefix: string;
  scopes: Scope[];
}

/**
 * Letters, digits and `. _ @ -`, no `:`, so a name never looks like a principal id (`key:<id>`,
 * `jwt:<sub>`). Names are labels, unique among active keys; identity is the key's id.
 */
const namePattern = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,99}$/;
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The `api_keys` table: keys are created and revoked here, each with its row in the admin audit in the
 * same transaction, and verified on every authenticated request: from ApiKeyCache when it holds the key (no
 * database round trip), else from the table. A revocation is announced on `tally_api_keys` in its transaction,
 * so every replica's cache drops the key when (and only if) it commits. A creation needs no notice: unknown ids
 * are never cached.
 */
@Injectable()
export class ApiKeyStore {
  private readonly lookups: Counter<'source'>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AdminAuditLog,
    private readonly cache: ApiKeyCache,
    private readonly usage: ApiKeyUsage,
    { registry }: MetricsRegistry,
  ) {
    this.lookups = new Counter({
      name: 'tally_api_key_lookups_total',
      help: 'API keys presented, by where they were checked: cache (no database round trip) or database',
      labelNames: ['source'],
      registers: [registry],
    });
    new Gauge({
      name: 'tally_api_key_cache_enabled',
      help: '1 while API key revocations are received and verified keys are cached; 0: every key is checked in the database',
      registers: [registry],
      collect() {
        this.set(cache.enabled ? 1 : 0);
      },
    });
  }

  /** Returns the plaintext key: the only time it exists outside the client, since only its hash is stored. */
  async create(name: string | undefined, scopes: Scope[], by: AdminActor): Promise<ApiKeyInfo & { key: string }> {
    if (!name) throw ValidationFailed.field('--name', 'is required');
    if (!namePattern.test(name)) throw ValidationFailed.field('--name', 'must be 1-100 letters, digits, ".", "_", "@" or "-", starting with a letter or digit');
    if (scopes.length === 0) throw ValidationFailed.field('--scopes', 'must name at least one scope');
    const { id, key, prefix, hash } = generateApiKey();
    try {
      await this.dataSource.transaction(async (manager) => {
        await manager.query(`INSERT INTO api_keys (id, name, prefix, key_hash, scopes) VALUES ($1, $2, $3, $4, $5)`, [id, name, prefix, hash, scopes]);
        await this.audit.record(manager, by, { action: 'api_key.created', targetId: id, targetName: name, details: { prefix, scopes } });
      });
    } catch (error) {
      if ((error as { code?: string }).code === '23505') throw new DomainError('API_KEY_NAME_TAKEN', 'conflict', `An active API key is already named ${name}; revoke it first or pick another name`);
      throw error;
    }
    return { id, name, prefix, scopes, key };
  }

  async revoke(which: { name?: string; id?: string }, by: AdminActor): Promise<ApiKeyInfo> {
    if (!which.name && !which.id) throw ValidationFailed.field('--name', 'give --name or --id of the key to revoke');
    if (which.id && !uuidPattern.test(which.id)) throw ValidationFailed.field('--id', 'must be a UUID');
    const [column, value] = which.id ? ['id', which.id] : ['name', which.name];
    // TypeORM answers an UPDATE on PostgreSQL with [returned rows, affected count].
    const key = await this.dataSource.transaction(async (manager) => {
      const [rows]: [ApiKeyInfo[], number] = await manager.query(
        `UPDATE api_keys SET revoked_at = now() WHERE ${column} = $1 AND revoked_at IS NULL RETURNING id, name, prefix, scopes`,
        [value],
      );
      if (rows.length === 0) throw new DomainError('API_KEY_NOT_FOUND', 'not_found', `No active API key with ${column} ${value}`);
      await this.audit.record(manager, by, { action: 'api_key.revoked', targetId: rows[0].id, targetName: rows[0].name, details: { prefix: rows[0].prefix } });
      await announce(manager, rows[0].id);
      return rows[0];
    });
    // This replica at once, without waiting for its own notice to come back.
    this.cache.evict(key.id);
    return key;
  }

  /** The key's principal, or undefined when it is malformed, unknown, revoked or its secret is wrong. */
  async authenticate(token: string): Promise<Principal | undefined> {
    const presented = parseApiKey(token);
    if (!presented) return undefined;
    let found = this.cache.lookup(presented.id);
    this.lookups.inc({ source: found ? 'cache' : 'database' });
    if (!found) {
      const snapshot = this.cache.snapshot();
      const rows: { name: string; key_hash: Buffer; scopes: string[]; revoked: boolean }[] = await this.dataSource.query(
        `SELECT name, key_hash, scopes, revoked_at IS NOT NULL AS revoked FROM api_keys WHERE id = $1`,
        [presented.id],
      );
      const row = rows[0];
      // An unknown id is not remembered: nobody announces a key's creation, so a cache could not learn of it.
      if (!row) return undefined;
      found = row.revoked ? revoked : { hash: row.key_hash, name: row.name, scopes: row.scopes.filter(isScope) };
      this.cache.remember(presented.id, found, snapshot);
    }
    if (found === revoked || !sameHash(found, presented.hash)) return undefined;
    this.usage.record(presented.id);
    return { id: `key:${presented.id}`, name: found.name, scopes: found.scopes };
  }
}

/** Constant time, so response timing says nothing about how much of the secret was right. */
function sameHash(key: CachedKey, presented: Buffer): boolean {
  return key.hash.length === presented.length && timingSafeEqual(key.hash, presented);
}

/** Sent when the transaction commits, and not at all if it rolls back. */
async function announce(manager: EntityManager, id: string): Promise<void> {
  await manager.query(`SELECT pg_notify($1, $2)`, [apiKeyChannel, id]);
}
