import { randomUUID } from 'node:crypto';
import type { SqlParams, SqlPart } from '../../database/sql-params.js';
import type { AccountEvent } from '../events/index.js';
import { serializeEvent } from './event-serializer.js';

/** Who caused a write and why; stored with every event. */
export interface EventMetadata {
  correlation_id?: string;
  causation_id?: string;
  idempotency_key?: string;
  actor?: string;
  actor_name?: string;
}

/** The chain's start: the "previous hash" of the first event. */
export const genesisHash = Buffer.alloc(32);

/**
 * Appends to the `events` table as CTE parts of the command's one write statement:
 * - `chain_head` locks the single `event_chain` row: appends are serialised from here to the commit, so
 *   positions (head + 1, + 2, ...) are gapless and in commit order, and each hash can name its predecessor;
 * - `chained` computes sha256(previous hash || tally_event_canonical(...)) event after event;
 * - `appended_events` inserts the rows, `advanced_chain` moves the head.
 * The unique (stream_id, stream_version) constraint turns a lost concurrent update into an error, never a fork.
 */
export const EventStore = {
  appendParts(params: SqlParams, events: readonly AccountEvent[], metadata: EventMetadata): SqlPart[] {
    const rows = events.map(serializeEvent);
    const canonical = `tally_event_canonical(n.position, n.id, n.stream_id, n.stream_version, n.type, n.schema_version, n.payload, n.metadata, n.occurred_at, n.recorded_at)`;
    return [
      { name: 'chain_head', sql: `SELECT last_position, last_hash FROM event_chain WHERE id = 1 FOR UPDATE` },
      {
        name: 'new_events',
        sql: `SELECT e.*, ${params.add(JSON.stringify(metadata))}::jsonb AS metadata, h.last_position + e.ordinal AS position, now() AS recorded_at
          FROM chain_head h, unnest(${params.add(rows.map(() => randomUUID()))}::uuid[], ${params.add(rows.map((r) => r.streamId))}::uuid[],
            ${params.add(rows.map((r) => r.streamVersion))}::bigint[], ${params.add(rows.map((r) => r.type))}::text[],
            ${params.add(rows.map((r) => r.schemaVersion))}::int[], ${params.add(rows.map((r) => JSON.stringify(r.payload)))}::jsonb[],
            ${params.add(rows.map((r) => r.occurredAt.toISOString()))}::timestamptz[])
            WITH ORDINALITY AS e(id, stream_id, stream_version, type, schema_version, payload, occurred_at, ordinal)`,
      },
      {
        name: 'chained',
        recursive: true,
        sql: `SELECT 0::bigint AS ordinal, (SELECT last_hash FROM chain_head) AS hash
          UNION ALL
          SELECT n.ordinal, sha256(c.hash || convert_to(${canonical}, 'UTF8'))
          FROM chained c JOIN new_events n ON n.ordinal = c.ordinal + 1`,
      },
      {
        name: 'appended_events',
        sql: `INSERT INTO events (position, id, stream_id, stream_version, type, schema_version, payload, metadata, occurred_at, recorded_at, hash)
          SELECT n.position, n.id, n.stream_id, n.stream_version, n.type, n.schema_version, n.payload, n.metadata, n.occurred_at, n.recorded_at, c.hash
          FROM new_events n JOIN chained c USING (ordinal) ORDER BY n.ordinal
          RETURNING position, id`,
      },
      {
        name: 'advanced_chain',
        sql: `UPDATE event_chain SET last_position = last_position + ${params.add(rows.length)}::bigint,
            last_hash = (SELECT hash FROM chained ORDER BY ordinal DESC LIMIT 1)
          WHERE id = 1 RETURNING last_position`,
      },
    ];
  },
};
