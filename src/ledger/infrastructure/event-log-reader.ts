import type { Queryable } from '../../database/unit-of-work.js';
import type { AccountEvent } from '../events/index.js';
import { deserializeEvent } from './event-serializer.js';

/** A stored event with its log position. */
export interface LoggedEvent {
  position: string;
  event: AccountEvent;
}

const batchSizeMax = 5_000;

/**
 * Reads the whole log in position order as domain events, in keyset batches, so memory stays bounded by the
 * batch size however long the log is (the projection rebuild folds it). `verify` has its own, faster reader
 * (src/ledger/audit/audit-log-reader.ts) that never builds domain events.
 */
export class EventLogReader {
  async *readAll(tx: Queryable): AsyncGenerator<LoggedEvent> {
    let after = '0';
    for (;;) {
      const rows: StoredRow[] = await tx.query(
        `SELECT position::text AS position, type, schema_version, stream_version, payload, occurred_at
         FROM events WHERE position > $1::bigint ORDER BY events.position LIMIT $2`,
        [after, batchSizeMax],
      );
      for (const row of rows) yield { position: row.position, event: deserializeEvent({ type: row.type, schemaVersion: row.schema_version, streamVersion: row.stream_version, payload: row.payload, occurredAt: row.occurred_at }) };
      if (rows.length < batchSizeMax) return;
      after = rows[rows.length - 1].position;
    }
  }
}

interface StoredRow {
  position: string;
  type: string;
  schema_version: number;
  stream_version: string;
  payload: Record<string, unknown>;
  occurred_at: Date;
}
