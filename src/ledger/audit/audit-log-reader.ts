import type { Queryable } from '../../database/unit-of-work.js';

/**
 * One event as the audit reads it: only what its checks need, as text (no object, no Date, no Decimal per event).
 * PostgreSQL sends a chunk of events as one value, a line per event with its ten columns joined by U+001F, split here.
 * An absent value is ''. Columns 4 and 5 depend on the type. Payload values are sent as they are (->>, a third of the
 * cost of sending them as JSON): one that holds a line break or U+001F makes a line of another width than ten, which
 * is reported, so no value can pass for a well-formed event without a finding.
 */
export type AuditRow = [
  position: string,
  streamId: string,
  streamVersion: string,
  /** AccountOpened, AccountDebited, AccountCredited, or any other type as JSON text. */
  type: string,
  /** Postings: the amount. AccountOpened: allow_overdraft ('true' or 'false'). */
  amountOrAllowOverdraft: string,
  /** Postings: balance_after. AccountOpened: overdraft_limit. */
  balanceAfterOrLimit: string,
  currency: string,
  transferId: string,
  counterpartyId: string,
  /** What PostgreSQL found wrong with the row on its own, space-separated (see RowProblem), or ''. */
  problems: string,
];

export const auditRowWidth = 10;
const separator = '\x1f';

/**
 * - `edited`: the stored hash is not tally_event_hash() of the row (events written in blocks);
 * - `chain`: the stored hash is not sha256(previous row's hash || canonical text) (events chained before blocks);
 * - `schema`: a schema version this build cannot read;
 * - `stream`: the payload's account_id is not the row's stream_id.
 */
export type RowProblem = 'edited' | 'chain' | 'schema' | 'stream';

const zeroHash = `'\\x${'00'.repeat(32)}'::bytea`;
const eventFields = 'position, id, stream_id, stream_version, type, schema_version, payload, metadata, occurred_at, recorded_at';

// Payload values are sent as text, never cast in SQL: a tampered value must become a finding, not abort the query.
// Positions are compared as bigint (`events.position`), never as text, where '10' sorts before '9'.
const line = (hashProblem: string) => `
  concat(position, E'\\x1f', stream_id, E'\\x1f', stream_version, E'\\x1f',
         CASE WHEN type IN ('AccountOpened', 'AccountDebited', 'AccountCredited') THEN type ELSE to_jsonb(type)::text END, E'\\x1f',
         CASE WHEN type = 'AccountOpened' THEN payload->>'allow_overdraft' ELSE payload->>'amount' END, E'\\x1f',
         CASE WHEN type = 'AccountOpened' THEN payload->>'overdraft_limit' ELSE payload->>'balance_after' END, E'\\x1f',
         payload->>'currency', E'\\x1f', payload->>'transfer_id', E'\\x1f', payload->>'counterparty_account_id', E'\\x1f',
         concat_ws(' ', ${hashProblem},
                   CASE WHEN schema_version <> 1 THEN 'schema' END,
                   CASE WHEN payload->>'account_id' IS DISTINCT FROM stream_id::text THEN 'stream' END))`;

/** The events of positions ($1, $2] written in blocks, each with its own hash recomputed, as lines joined by newlines. */
const blockChunkSql = `
  SELECT string_agg(${line(`CASE WHEN hash IS DISTINCT FROM tally_event_hash(${eventFields}) THEN 'edited' END`)}, E'\\n' ORDER BY events.position) AS lines
  FROM events WHERE position > $1::bigint AND position <= $2::bigint`;

/**
 * The same for events chained before blocks: each hash over the previous row's, the row before the chunk included
 * (the subquery depends on $1 alone, so PostgreSQL runs it once a chunk).
 */
const chainedChunkSql = `
  SELECT string_agg(line, E'\\n' ORDER BY position) AS lines FROM (
    SELECT position, ${line(`CASE WHEN hash IS DISTINCT FROM
             sha256(coalesce(lag(hash) OVER (ORDER BY events.position), (SELECT p.hash FROM events p WHERE p.position <= $1::bigint ORDER BY p.position DESC LIMIT 1), ${zeroHash})
                    || convert_to(tally_event_canonical(${eventFields}), 'UTF8')) THEN 'chain' END`)} AS line
    FROM events WHERE position > $1::bigint AND position <= $2::bigint) chunk`;

/**
 * Positions per chunk: one query and one row of text each (about 2.5 MB at 16,384 events), so neither pg's per-row
 * work nor round trips weigh. Reading alone (no fold) over 3 connections on the development VM: 87,000 events/s in
 * chunks of 1,024, 96,000 in chunks of 4,096, 112,000 in chunks of 16,384.
 */
export const chunkPositions = 16_384n;

/** Positions `after` (excluded) to `upTo` (included). */
export interface Chunk {
  after: bigint;
  upTo: bigint;
  /** Whether they were written before blocks (chained one to the next under the genesis block). */
  chained: boolean;
}

/** The chunks that cover positions 1 to `lastPosition`; none straddles the genesis block's end, so each has one hash scheme. */
export function* chunksOf(genesisLastPosition: bigint, lastPosition: bigint, size = chunkPositions): Generator<Chunk> {
  for (let after = 0n; after < lastPosition; ) {
    const end = after + size;
    const upTo = after < genesisLastPosition && end > genesisLastPosition ? genesisLastPosition : end < lastPosition ? end : lastPosition;
    yield { after, upTo, chained: upTo <= genesisLastPosition };
    after = upTo;
  }
}

/** Per reader: each chunk query is small, so neither parallel workers nor JIT would pay for their start. */
export const readerSettings = `SET LOCAL max_parallel_workers_per_gather = 0; SET LOCAL jit = off`;

/**
 * Feeds every event of the log to `onEvent` in position order. The readers (connections on one snapshot) each work
 * on their next chunk while Node folds the oldest one; results are folded in order, and at most one chunk per reader
 * waits in memory, so memory does not grow with the log.
 */
export async function readAuditLog(readers: readonly Queryable[], genesisLastPosition: string, onEvent: (row: AuditRow) => void, chunkSize = chunkPositions): Promise<void> {
  const [{ last }]: { last: string }[] = await readers[0].query(`SELECT coalesce(max(position), 0)::text AS last FROM events`);
  const chunks = chunksOf(BigInt(genesisLastPosition), BigInt(last), chunkSize);
  const pending: { reader: Queryable; lines: Promise<Settled> }[] = [];
  const start = (reader: Queryable) => {
    const next = chunks.next();
    if (!next.done) pending.push({ reader, lines: settle(readChunk(reader, next.value)) });
  };
  for (const reader of readers) start(reader);
  for (let oldest = pending.shift(); oldest; oldest = pending.shift()) {
    const settled = await oldest.lines;
    if ('error' in settled) throw settled.error;
    start(oldest.reader);
    if (settled.lines !== null) for (const text of settled.lines.split('\n')) onEvent(text.split(separator) as AuditRow);
  }
}

type Settled = { lines: string | null } | { error: unknown };

/** A chunk's outcome as a value: a query that fails while an earlier chunk is awaited must not be an unhandled rejection. */
function settle(lines: Promise<string | null>): Promise<Settled> {
  return lines.then(
    (text) => ({ lines: text }),
    (error: unknown) => ({ error }),
  );
}

async function readChunk(reader: Queryable, chunk: Chunk): Promise<string | null> {
  const [row]: { lines: string | null }[] = await reader.query(chunk.chained ? chainedChunkSql : blockChunkSql, [String(chunk.after), String(chunk.upTo)]);
  return row.lines;
}
