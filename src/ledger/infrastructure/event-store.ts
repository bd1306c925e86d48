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
 *   positions (head + 1, + 2, ...) are gapless and in commit order;
 * - `appended_events` inserts the rows, each with its own hash, tally_event_hash(...) (position included);
 * - `appended_block` adds the write's one block: sha256(previous block's hash || its event hashes in order);
 * - `advanced_chain` moves the head to that block.
 * The unique (stream_id, stream_version) constraint turns a lost concurrent update into an error, never a fork.
 */
export const EventStore = {
  appendParts(params: SqlParams, events: readonly AccountEvent[], metadata: EventMetadata): SqlPart[] {
    const rows = events.map(serializeEvent);
    return [
      { name: 'chain_head', sql: `SELECT last_position, last_hash, last_block FROM event_chain WHERE id = 1 FOR UPDATE` },
      {
        name: 'new_events',
        // WITH RECURSIVE lets a record part written before this one (the transfer's position) refer to it.
        recursive: true,
        sql: `SELECT e.*, ${params.add(JSON.stringify(metadata))}::jsonb AS metadata, h.last_position + e.ordinal AS position, now() AS recorded_at
          FROM chain_head h, unnest(${params.add(rows.map(() => randomUUID()))}::uuid[], ${params.add(rows.map((r) => r.streamId))}::uuid[],
            ${params.add(rows.map((r) => r.streamVersion))}::bigint[], ${params.add(rows.map((r) => r.type))}::text[],
            ${params.add(rows.map((r) => r.schemaVersion))}::int[], ${params.add(rows.map((r) => JSON.stringify(r.payload)))}::jsonb[],
            ${params.add(rows.map((r) => r.occurredAt.toISOString()))}::timestamptz[])
            WITH ORDINALITY AS e(id, stream_id, stream_version, type, schema_version, payload, occurred_at, ordinal)`,
      },
      {
        name: 'appended_events',
        sql: `INSERT INTO events (position, id, stream_id, stream_version, type, schema_version, payload, metadata, occurred_at, recorded_at, hash)
          SELECT n.position, n.id, n.stream_id, n.stream_version, n.type, n.schema_version, n.payload, n.metadata, n.occurred_at, n.recorded_at,
            tally_event_hash(n.position, n.id, n.stream_id, n.stream_version, n.type, n.schema_version, n.payload, n.metadata, n.occurred_at, n.recorded_at)
          FROM new_events n ORDER BY n.ordinal
          RETURNING position, hash`,
      },
      {
        name: 'appended_block',
        sql: `INSERT INTO event_blocks (block, first_position, last_position, previous_hash, hash, scheme)
          SELECT h.last_block + 1, h.last_position + 1, h.last_position + count(*), h.last_hash,
            sha256(h.last_hash || string_agg(a.hash, ''::bytea ORDER BY a.position)), 'block'
          FROM chain_head h, appended_events a GROUP BY h.last_block, h.last_position, h.last_hash
          RETURNING block, last_position, hash`,
      },
      {
        name: 'advanced_chain',
        sql: `UPDATE event_chain c SET last_position = b.last_position, last_hash = b.hash, last_block = b.block
          FROM appended_block b WHERE c.id = 1 RETURNING c.last_position`,
      },
    ];
  },
};
