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
}

/**
 * Appends to the `events` table. Appending is one set-based INSERT, offered as a CTE part so a command
 * writes its events, its records and its projections in a single statement. The unique
 * (stream_id, stream_version) constraint turns a lost concurrent update into an error, never a fork.
 */
export const EventStore = {
  appendPart(params: SqlParams, events: readonly AccountEvent[], metadata: EventMetadata): SqlPart {
    const rows = events.map(serializeEvent);
    const metadataJson = JSON.stringify(metadata);
    return {
      name: 'appended_events',
      sql: `INSERT INTO events (id, stream_id, stream_version, type, schema_version, payload, metadata, occurred_at)
        SELECT e.id, e.stream_id, e.stream_version, e.type, e.schema_version, e.payload, ${params.add(metadataJson)}::jsonb, e.occurred_at
        FROM unnest(${params.add(rows.map(() => randomUUID()))}::uuid[], ${params.add(rows.map((r) => r.streamId))}::uuid[],
          ${params.add(rows.map((r) => r.streamVersion))}::bigint[], ${params.add(rows.map((r) => r.type))}::text[],
          ${params.add(rows.map((r) => r.schemaVersion))}::int[], ${params.add(rows.map((r) => JSON.stringify(r.payload)))}::jsonb[],
          ${params.add(rows.map((r) => r.occurredAt.toISOString()))}::timestamptz[])
          WITH ORDINALITY AS e(id, stream_id, stream_version, type, schema_version, payload, occurred_at, ordinal)
        ORDER BY e.ordinal
        RETURNING position, id`,
    };
  },
};
