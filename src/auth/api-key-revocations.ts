import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import pg from 'pg';
import { DatabaseUrl } from '../database/database-url.js';
import { ApiKeyCache } from './api-key-cache.js';

/** Where ApiKeyStore announces, in the transaction that revokes a key, the key's id. */
export const apiKeyChannel = 'tally_api_keys';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const firstRetryMs = 100;
const maxRetryMs = 5_000;
/** A ping goes out this often; one still unanswered at the next is taken as a dead connection. */
const heartbeatMs = 5_000;

/**
 * One dedicated connection (outside the TypeORM pool: a LISTEN belongs to its session) that LISTENs on
 * `tally_api_keys` and evicts the announced key from this replica's ApiKeyCache. The cache is enabled only
 * while this connection is up and listening; when it drops (or a ping goes unanswered), the cache is
 * switched off, so keys are read from the database on every request, and the connection is retried with
 * backoff. Reconnected, it starts from an empty cache, since notices sent meanwhile were lost.
 *
 * Only the HTTP server provides this (AppModule): a CLI command never caches keys, so needs no listener.
 */
@Injectable()
export class ApiKeyRevocations implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('ApiKeys');
  private client?: pg.Client;
  private running = false;
  private failures = 0;
  private retry?: NodeJS.Timeout;
  private heartbeat?: NodeJS.Timeout;

  constructor(
    private readonly cache: ApiKeyCache,
    private readonly databaseUrl: DatabaseUrl,
  ) {}

  get listening(): boolean {
    return this.cache.enabled;
  }

  onApplicationBootstrap(): void {
    this.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  /** Connects in the background; until it listens, keys are read from the database. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.failures = 0;
    this.reconnect();
  }

  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.retry);
    const client = this.client;
    this.down();
    // Bounded: a goodbye on a connection that died silently would wait for TCP to give up.
    if (client) await Promise.race([client.end().catch(() => undefined), new Promise((done) => setTimeout(done, 1_000).unref())]);
  }

  private reconnect(): void {
    this.connect().catch((error: unknown) => this.logger.error(`API key revocations not received, keys checked in the database: ${error instanceof Error ? error.message : String(error)}`));
  }

  private async connect(): Promise<void> {
    // The pool's settings (data-source-options.ts): pg reads the whole URL, TLS parameters included, in both.
    const client = new pg.Client({
      connectionString: await this.databaseUrl.resolve(),
      connectionTimeoutMillis: 10_000,
      application_name: 'tally-api-key-revocations',
      keepAlive: true,
    });
    if (!this.running || this.client) return;
    this.client = client;
    client.on('notification', ({ channel, payload }) => {
      if (channel !== apiKeyChannel) return;
      // Anything but a key id (none is sent today) clears everything rather than risk keeping a revoked key.
      if (payload && uuidPattern.test(payload)) this.cache.evict(payload.toLowerCase());
      else this.cache.clear();
    });
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, new Error('connection closed')));
    try {
      await client.connect();
      await client.query(`LISTEN ${apiKeyChannel}`);
    } catch (error) {
      this.lost(client, error);
      return;
    }
    if (this.client !== client) return;
    if (this.failures > 0) this.logger.log('listening for API key revocations again; the key cache is back on');
    this.failures = 0;
    this.cache.enable();
    this.beat(client);
  }

  private beat(client: pg.Client): void {
    let unanswered = false;
    this.heartbeat = setInterval(() => {
      if (unanswered) return this.lost(client, new Error(`no answer to a ping within ${heartbeatMs} ms`));
      unanswered = true;
      client.query('SELECT 1').then(
        () => (unanswered = false),
        (error: unknown) => this.lost(client, error),
      );
    }, heartbeatMs).unref();
  }

  private down(): void {
    clearInterval(this.heartbeat);
    this.heartbeat = undefined;
    this.client = undefined;
    this.cache.disable();
  }

  private lost(client: pg.Client, error: unknown): void {
    if (this.client !== client) return;
    this.down();
    // Not awaited: on a dead socket the goodbye may never be answered.
    client.end().catch(() => undefined);
    if (!this.running) return;
    const delay = Math.min(firstRetryMs * 2 ** this.failures, maxRetryMs);
    if (this.failures === 0) {
      this.logger.warn(`API key revocations not received (${error instanceof Error ? error.message : String(error)}); checking keys in the database on every request until the listener reconnects`);
    }
    this.failures++;
    this.retry = setTimeout(() => this.reconnect(), delay).unref();
  }
}
