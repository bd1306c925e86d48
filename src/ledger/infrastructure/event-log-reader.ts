import type { Queryable } from '../../database/unit-of-work.js';
import type { AccountEvent } from '../events/index.js';
import { deserializeEvent } from './event-serializer.js';

/** A stored event with what an audit needs: its log position, stored hash and canonical text. */
export interface LoggedEvent {
  position: string;
  event: AccountEvent;
  hash: Buffer;
  /** tally_event_canonical() of the stored row, for events chained before blocks (up to `canonicalUntil`); else null. */
  canonical: string | null;
}

const batchSizeMax = 5_000;

/**
 * Reads the whole log in position order, in keyset batches, so memory stays bounded by the batch size
 * however long the log is. No decorator: the CLI's `verify` uses it without loading Nest.
 */
export class EventLogReader {
  async *readAll(tx: Queryable, canonicalUntil = '0'): AsyncGenerator<LoggedEvent> {
    let after = '0';
    for (;;) {
      const rows: StoredRow[] = await tx.query(
        `SELECT position::text AS position, type, schema_version, stream_version, payload, occurred_at, hash,
                CASE WHEN position <= $3::bigint THEN
                  tally_event_canonical(position, id, stream_id, stream_version, type, schema_version, payload, metadata, occurred_at, recorded_at) END AS canonical
         FROM events WHERE position > $1::bigint ORDER BY events.position LIMIT $2`,
        [after, batchSizeMax, canonicalUntil],
      );
      for (const row of rows) yield toLogged(row);
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
  hash: Buffer;
  canonical: string | null;
}

function toLogged(row: StoredRow): LoggedEvent {
  const event = deserializeEvent({ type: row.type, schemaVersion: row.schema_version, streamVersion: row.stream_version, payload: row.payload, occurredAt: row.occurred_at });
  return { position: row.position, event, hash: row.hash, canonical: row.canonical };
}
