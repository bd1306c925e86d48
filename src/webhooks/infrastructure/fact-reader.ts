import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { formatAmount } from '../../ledger/domain/money.js';
import type { TransferView } from '../../ledger/queries/views.js';
import { isWebhookEventType, streamOfEventType } from '../domain/event-types.js';
import type { Fact } from '../domain/fact.js';

interface TransferRow {
  position: string;
  event_id: string;
  id: string;
  source_account_id: string;
  destination_account_id: string;
  amount: string;
  currency: string;
  reference: string | null;
  metadata: Record<string, unknown>;
  created_at: Date;
  occurred_at: Date;
}

interface OutboxRow {
  id: string;
  event_id: string;
  type: string;
  payload: Record<string, unknown>;
  created_at: Date;
}

/**
 * Reads new facts after a position. Ledger facts come from the log itself (`transfers` by `position`, the position
 * of the transfer's first event, whose id is the fact's id): positions are handed out under the chain lock held
 * until the commit, so a reader paging with `position > cursor` never skips a transfer that commits late, and the
 * write path writes nothing for webhooks. Recon facts come from `webhook_outbox`, whose ids have the same property
 * (see outbox-writer.ts).
 */
@Injectable()
export class FactReader {
  async ledgerAfter(manager: EntityManager, position: string, limit: number): Promise<Fact[]> {
    const rows: TransferRow[] = await manager.query(
      `SELECT t.position::text AS position, e.id AS event_id, t.id, t.source_account_id, t.destination_account_id, t.amount::text AS amount, t.currency,
              t.reference, t.metadata, t.created_at, t.occurred_at
       FROM transfers t JOIN events e ON e.position = t.position
       WHERE t.position > $1::bigint ORDER BY t.position LIMIT $2`,
      [position, limit],
    );
    return rows.map((row) => ({ stream: 'ledger', position: row.position, eventId: row.event_id, type: 'transfer.posted', createdAt: row.created_at, data: transferData(row) }));
  }

  async reconAfter(manager: EntityManager, position: string, limit: number): Promise<Fact[]> {
    const rows: OutboxRow[] = await manager.query(`SELECT id::text AS id, event_id, type, payload, created_at FROM webhook_outbox WHERE id > $1::bigint ORDER BY id LIMIT $2`, [position, limit]);
    return rows.map((row) => {
      // The outbox is written by this codebase only; an unknown type is a bug, not data to pass on.
      if (!isWebhookEventType(row.type) || streamOfEventType(row.type) !== 'recon') throw new Error(`webhook_outbox ${row.id} has the type ${row.type}, not a recon fact's`);
      return { stream: 'recon', position: row.id, eventId: row.event_id, type: row.type, createdAt: row.created_at, data: row.payload };
    });
  }
}

/** The transfer as GET /ledger/transfer/{id} shows it. */
function transferData(row: TransferRow): TransferView {
  return {
    id: row.id,
    source_account_id: row.source_account_id,
    destination_account_id: row.destination_account_id,
    amount: formatAmount(row.amount, row.currency),
    currency: row.currency,
    reference: row.reference,
    metadata: row.metadata,
    status: 'posted',
    created_at: row.created_at.toISOString(),
    occurred_at: row.occurred_at.toISOString(),
  };
}
