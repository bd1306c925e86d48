import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { decodePositionCursor } from '../../common/pagination/cursor.js';
import type { Page } from '../../ledger/queries/views.js';
import type { AttemptRecord, Delivery, DeliveryStatus } from '../domain/delivery.js';
import type { FactStream } from '../domain/event-types.js';
import { envelopeOf, type Fact } from '../domain/fact.js';
import type { SigningSecrets } from '../domain/secret.js';
import { WebhookDeliveryNotFound } from '../domain/webhook-errors.js';

interface DeliveryRow {
  id: string;
  subscription_id: string;
  event_id: string;
  event_type: string;
  stream: FactStream;
  position: string;
  body: string;
  status: DeliveryStatus;
  attempts: number;
  next_attempt_at: Date;
  last_error: string | null;
  replay_of: string | null;
  created_at: Date;
  finished_at: Date | null;
}

/** The head of an active subscription's queue, with where to send it and the secrets to sign it with. */
export interface DueDelivery {
  delivery: Delivery;
  url: string;
  secrets: SigningSecrets;
}

const columns = `d.id::text AS id, d.subscription_id, d.event_id, d.event_type, d.stream, d.position::text AS position, d.body, d.status, d.attempts,
                 d.next_attempt_at, d.last_error, d.replay_of::text AS replay_of, d.created_at, d.finished_at`;

/** Attempts shown with one delivery: the latest ones (every attempt stays in the table until retention sweeps it). */
const attemptsShownMax = 100;

/** `webhook_deliveries` and `webhook_attempts`. */
@Injectable()
export class DeliveryRepository {
  constructor(private readonly dataSource: DataSource) {}

  async head(subscriptionId: string): Promise<DueDelivery | undefined> {
    const [row]: (DeliveryRow & { url: string; secret: string; previous_secret: string | null; previous_secret_expires_at: Date | null })[] = await this.dataSource.query(
      `SELECT ${columns}, s.url, s.secret, s.previous_secret, s.previous_secret_expires_at
       FROM webhook_deliveries d JOIN webhook_subscriptions s ON s.id = d.subscription_id
       WHERE d.subscription_id = $1 AND d.status = 'pending' AND s.status = 'active'
       ORDER BY d.id LIMIT 1`,
      [subscriptionId],
    );
    if (!row) return undefined;
    return { delivery: toDelivery(row), url: row.url, secrets: { secret: row.secret, previousSecret: row.previous_secret, previousSecretExpiresAt: row.previous_secret_expires_at } };
  }

  /** Queues facts in the given order: ids are handed out in it, and ids are the delivery order. */
  async enqueue(manager: EntityManager, subscriptionId: string, facts: readonly Fact[]): Promise<void> {
    if (facts.length === 0) return;
    await manager.query(
      `INSERT INTO webhook_deliveries (subscription_id, event_id, event_type, stream, position, body, status)
       SELECT $1, event_id, event_type, stream, position, body, 'pending'
       FROM unnest($2::uuid[], $3::text[], $4::text[], $5::bigint[], $6::text[]) WITH ORDINALITY AS fact (event_id, event_type, stream, position, body, ordinal)
       ORDER BY ordinal`,
      [subscriptionId, facts.map((fact) => fact.eventId), facts.map((fact) => fact.type), facts.map((fact) => fact.stream), facts.map((fact) => fact.position), facts.map(envelopeOf)],
    );
  }

  /**
   * Stores one attempt and its outcome; at the last allowed failure also pauses the subscription, all in one
   * transaction. Returns whether this call paused it (false when someone paused or deleted it meanwhile).
   */
  async record(delivery: Delivery, attempt: AttemptRecord, pauseReason?: string): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`INSERT INTO webhook_attempts (delivery_id, attempted_at, status_code, latency_ms, error) VALUES ($1, $2, $3, $4, $5)`, [
        delivery.id, attempt.attemptedAt, attempt.statusCode, attempt.latencyMs, attempt.error,
      ]);
      await manager.query(
        `UPDATE webhook_deliveries SET status = $2, attempts = $3, next_attempt_at = $4, last_error = $5, finished_at = $6 WHERE id = $1 AND status = 'pending'`,
        [delivery.id, delivery.status, delivery.attempts, delivery.nextAttemptAt, delivery.lastError, delivery.finishedAt],
      );
      if (!pauseReason) return false;
      const [paused]: [unknown[], number] = await manager.query(
        `UPDATE webhook_subscriptions SET status = 'paused', paused_at = $2, paused_reason = $3, updated_at = $2 WHERE id = $1 AND status = 'active' RETURNING id`,
        [delivery.subscriptionId, attempt.attemptedAt, pauseReason],
      );
      return paused.length === 1;
    });
  }

  /** The subscription's next pending delivery, locked; what a resume retries first. */
  async lockHead(manager: EntityManager, subscriptionId: string): Promise<Delivery | undefined> {
    const [row]: DeliveryRow[] = await manager.query(
      `SELECT ${columns} FROM webhook_deliveries d WHERE d.subscription_id = $1 AND d.status = 'pending' ORDER BY d.id LIMIT 1 FOR UPDATE`,
      [subscriptionId],
    );
    return row && toDelivery(row);
  }

  async reschedule(manager: EntityManager, delivery: Delivery): Promise<void> {
    await manager.query(`UPDATE webhook_deliveries SET attempts = $2, next_attempt_at = $3 WHERE id = $1`, [delivery.id, delivery.attempts, delivery.nextAttemptAt]);
  }

  /** Before a rewind: pending deliveries of the stream from that position on would otherwise be sent twice, out of order. */
  async cancelPendingFrom(manager: EntityManager, subscriptionId: string, stream: FactStream, fromPosition: bigint, now: Date): Promise<number> {
    const [, cancelled]: [unknown[], number] = await manager.query(
      `UPDATE webhook_deliveries SET status = 'cancelled', finished_at = $4, last_error = 'cancelled by a replay from an earlier position'
       WHERE subscription_id = $1 AND status = 'pending' AND stream = $2 AND position >= $3::bigint`,
      [subscriptionId, stream, fromPosition.toString(), now],
    );
    return cancelled;
  }

  /** The same fact and bytes again, queued after everything pending (its event id lets the receiver see it is a repeat). */
  async enqueueReplay(manager: EntityManager, original: Delivery): Promise<Delivery> {
    const [row]: DeliveryRow[] = await manager.query(
      `INSERT INTO webhook_deliveries AS d (subscription_id, event_id, event_type, stream, position, body, status, replay_of)
       VALUES ($1, $2, $3, $4, $5, $6, 'pending', $7) RETURNING ${columns}`,
      [original.subscriptionId, original.eventId, original.eventType, original.stream, original.position, original.body, original.id],
    );
    return toDelivery(row);
  }

  async find(id: string): Promise<Delivery> {
    const [row]: DeliveryRow[] = await this.dataSource.query(`SELECT ${columns} FROM webhook_deliveries d WHERE d.id = $1::bigint`, [id]);
    if (!row) throw new WebhookDeliveryNotFound(id);
    return toDelivery(row);
  }

  async attempts(deliveryId: string): Promise<AttemptRecord[]> {
    const rows: { attempted_at: Date; status_code: number | null; latency_ms: number; error: string | null }[] = await this.dataSource.query(
      `SELECT attempted_at, status_code, latency_ms, error FROM (SELECT * FROM webhook_attempts WHERE delivery_id = $1::bigint ORDER BY id DESC LIMIT $2) latest ORDER BY id`,
      [deliveryId, attemptsShownMax],
    );
    return rows.map((row) => ({ attemptedAt: row.attempted_at, statusCode: row.status_code, latencyMs: row.latency_ms, error: row.error }));
  }

  /** A subscription's deliveries in delivery order; `cursor` is the last id of the previous page. */
  async list(subscriptionId: string, status: DeliveryStatus | undefined, limit: number, cursor?: string): Promise<Page<Delivery>> {
    const after = cursor ? decodePositionCursor(cursor) : '0';
    const rows: DeliveryRow[] = await this.dataSource.query(
      `SELECT ${columns} FROM webhook_deliveries d WHERE d.subscription_id = $1 AND d.id > $2::bigint AND ($3::text IS NULL OR d.status = $3) ORDER BY d.id LIMIT $4`,
      [subscriptionId, after, status ?? null, limit + 1],
    );
    const page = rows.slice(0, limit).map(toDelivery);
    return { data: page, next_cursor: rows.length > limit ? page[page.length - 1].id : null };
  }
}

function toDelivery(row: DeliveryRow): Delivery {
  return {
    id: row.id,
    subscriptionId: row.subscription_id,
    eventId: row.event_id,
    eventType: row.event_type,
    stream: row.stream,
    position: row.position,
    body: row.body,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    lastError: row.last_error,
    replayOf: row.replay_of,
    createdAt: row.created_at,
    finishedAt: row.finished_at,
  };
}
