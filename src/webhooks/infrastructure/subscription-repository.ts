import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { cursorParts, decodeCursor, encodeCursor } from '../../common/pagination/cursor.js';
import type { Page } from '../../ledger/queries/views.js';
import type { WebhookEventType } from '../domain/event-types.js';
import type { SubscriptionStatus, WebhookSubscription } from '../domain/subscription.js';
import { WebhookSubscriptionNotFound } from '../domain/webhook-errors.js';

interface SubscriptionRow {
  id: string;
  url: string;
  event_types: WebhookEventType[];
  description: string | null;
  secret: string;
  previous_secret: string | null;
  previous_secret_expires_at: Date | null;
  status: SubscriptionStatus;
  paused_at: Date | null;
  paused_reason: string | null;
  ledger_position: string;
  recon_position: string;
  created_at: Date;
  updated_at: Date;
}

const columns = `id, url, event_types, description, secret, previous_secret, previous_secret_expires_at, status, paused_at, paused_reason,
                 ledger_position::text AS ledger_position, recon_position::text AS recon_position, created_at, updated_at`;

/** `webhook_subscriptions`. Writers lock the row (`lock`), decide in the domain, then `save` in the same transaction. */
@Injectable()
export class SubscriptionRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * A new subscription starts at both streams' current heads: it is sent what happens from now on. (Its times come
   * from the clock in milliseconds, as the list's cursor carries them.)
   */
  async insert(manager: EntityManager, subscription: Pick<WebhookSubscription, 'id' | 'url' | 'eventTypes' | 'description' | 'secret' | 'createdAt'>): Promise<WebhookSubscription> {
    const [row]: SubscriptionRow[] = await manager.query(
      `INSERT INTO webhook_subscriptions (id, url, event_types, description, secret, status, ledger_position, recon_position, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, 'active', (SELECT coalesce(max(position), 0) FROM events), (SELECT coalesce(max(id), 0) FROM webhook_outbox), $6, $6)
       RETURNING ${columns}`,
      [subscription.id, subscription.url, subscription.eventTypes, subscription.description, subscription.secret, subscription.createdAt],
    );
    return toSubscription(row);
  }

  /** Locks the row until the transaction ends, so changes, replays and the dispatcher's queueing take turns. */
  async lock(manager: EntityManager, id: string): Promise<WebhookSubscription> {
    const [row]: SubscriptionRow[] = await manager.query(`SELECT ${columns} FROM webhook_subscriptions WHERE id = $1 FOR UPDATE`, [id]);
    if (!row) throw new WebhookSubscriptionNotFound(id);
    return toSubscription(row);
  }

  async save(manager: EntityManager, subscription: WebhookSubscription): Promise<void> {
    await manager.query(
      `UPDATE webhook_subscriptions SET url = $2, event_types = $3, description = $4, secret = $5, previous_secret = $6, previous_secret_expires_at = $7,
              status = $8, paused_at = $9, paused_reason = $10, ledger_position = $11, recon_position = $12, updated_at = $13
       WHERE id = $1`,
      [
        subscription.id, subscription.url, subscription.eventTypes, subscription.description, subscription.secret, subscription.previousSecret,
        subscription.previousSecretExpiresAt, subscription.status, subscription.pausedAt, subscription.pausedReason, subscription.ledgerPosition,
        subscription.reconPosition, subscription.updatedAt,
      ],
    );
  }

  /** The ledger's head: where a subscription that starts reading the ledger now begins. */
  async ledgerHead(manager: EntityManager): Promise<string> {
    const [{ head }]: { head: string }[] = await manager.query('SELECT coalesce(max(position), 0)::text AS head FROM events');
    return head;
  }

  async find(id: string): Promise<WebhookSubscription> {
    const [row]: SubscriptionRow[] = await this.dataSource.query(`SELECT ${columns} FROM webhook_subscriptions WHERE id = $1`, [id]);
    if (!row) throw new WebhookSubscriptionNotFound(id);
    return toSubscription(row);
  }

  /** Oldest first; deleted ones only when asked for by status. */
  async list(status: SubscriptionStatus | undefined, limit: number, cursor?: string): Promise<Page<WebhookSubscription>> {
    const [afterTime, afterId] = cursor ? decodeCursor(cursor, [cursorParts.timestamp, cursorParts.uuid]) : ['1970-01-01T00:00:00.000Z', '00000000-0000-0000-0000-000000000000'];
    const rows: SubscriptionRow[] = await this.dataSource.query(
      `SELECT ${columns} FROM webhook_subscriptions
       WHERE (created_at, id) > ($1::timestamptz, $2::uuid) AND (status = $3 OR ($3 IS NULL AND status <> 'deleted'))
       ORDER BY created_at, id LIMIT $4`,
      [afterTime, afterId, status ?? null, limit + 1],
    );
    const page = rows.slice(0, limit).map(toSubscription);
    const last = page[page.length - 1];
    return { data: page, next_cursor: rows.length > limit ? encodeCursor([last.createdAt.toISOString(), last.id]) : null };
  }

  /** The subscriptions the dispatcher serves. */
  async activeIds(): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(`SELECT id FROM webhook_subscriptions WHERE status = 'active' ORDER BY created_at, id`);
    return rows.map((row) => row.id);
  }
}

function toSubscription(row: SubscriptionRow): WebhookSubscription {
  return {
    id: row.id,
    url: row.url,
    eventTypes: row.event_types,
    description: row.description,
    secret: row.secret,
    previousSecret: row.previous_secret,
    previousSecretExpiresAt: row.previous_secret_expires_at,
    status: row.status,
    pausedAt: row.paused_at,
    pausedReason: row.paused_reason,
    ledgerPosition: row.ledger_position,
    reconPosition: row.recon_position,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
