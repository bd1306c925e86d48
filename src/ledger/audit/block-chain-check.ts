import type { Queryable } from '../../database/unit-of-work.js';
import type { LedgerAudit } from './ledger-audit.js';

/** The genesis block: the events chained one to the next before blocks existed (scheme 'event_chain'). */
export interface GenesisBlock {
  lastPosition: string;
  hash: Buffer;
}

export async function readGenesis(tx: Queryable): Promise<GenesisBlock | undefined> {
  const [row]: { last_position: string; hash: Buffer }[] = await tx.query(`SELECT last_position::text AS last_position, hash FROM event_blocks WHERE block = 0`);
  return row && { lastPosition: row.last_position, hash: row.hash };
}

/**
 * The chain after the genesis block, checked set-based in PostgreSQL: each event's own hash, each block's
 * coverage (no position missing in its range) and hash over its events, each block's link to its
 * predecessor, and the head. The genesis block's events are checked one by one as they are replayed.
 */
export async function checkBlocks(tx: Queryable, audit: LedgerAudit, genesis: GenesisBlock | undefined): Promise<void> {
  if (!genesis) return audit.report('block_chain_broken', 'the genesis block (block 0) is missing');
  const edited: { position: string }[] = await tx.query(
    `SELECT position::text AS position FROM events
     WHERE position > $1::bigint
       AND hash IS DISTINCT FROM tally_event_hash(position, id, stream_id, stream_version, type, schema_version, payload, metadata, occurred_at, recorded_at)
     ORDER BY position LIMIT 100`,
    [genesis.lastPosition],
  );
  for (const { position } of edited) audit.report('hash_chain_broken', `event ${position}: stored hash does not match its content (edited)`, { position });

  const blocks: { block: string; problem: string }[] = await tx.query(
    `WITH covered AS (
       SELECT b.block, b.first_position, b.last_position, b.previous_hash, b.hash, b.scheme,
              count(e.position) AS events, sha256(b.previous_hash || coalesce(string_agg(e.hash, ''::bytea ORDER BY e.position), ''::bytea)) AS computed
       FROM event_blocks b LEFT JOIN events e ON e.position BETWEEN b.first_position AND b.last_position
       WHERE b.block > 0
       GROUP BY b.block),
     linked AS (
       SELECT c.*, lag(block) OVER w AS previous_block, lag(last_position) OVER w AS previous_last, lag(hash) OVER w AS previous_block_hash
       FROM (SELECT block, first_position, last_position, previous_hash, hash, scheme, NULL::bigint AS events, NULL::bytea AS computed FROM event_blocks WHERE block = 0
             UNION ALL SELECT * FROM covered) c
       WINDOW w AS (ORDER BY block))
     SELECT block::text AS block,
            CASE WHEN events <> last_position - first_position + 1 THEN format('covers positions %s-%s but %s of its events exist', first_position, last_position, events)
                 WHEN computed <> hash THEN 'its hash does not match its events (an event or its hash was edited)'
                 WHEN scheme <> 'block' THEN 'only block 0 may use the event_chain scheme'
                 WHEN block <> previous_block + 1 THEN format('follows block %s', previous_block)
                 WHEN first_position <> previous_last + 1 THEN format('starts at %s, not after the previous block''s %s', first_position, previous_last)
                 WHEN previous_hash <> previous_block_hash THEN 'does not link to the previous block''s hash'
            END AS problem
     FROM linked WHERE block > 0 ORDER BY block`,
  );
  for (const { block, problem } of blocks.filter((b) => b.problem !== null).slice(0, 100)) audit.report('block_chain_broken', `block ${block} ${problem}`);

  const [head]: { last_position: string; last_hash: Buffer; last_block: string; block_last_position: string; block_hash: Buffer; block: string; max_position: string }[] = await tx.query(
    `SELECT c.last_position::text AS last_position, c.last_hash, c.last_block::text AS last_block,
            b.last_position::text AS block_last_position, b.hash AS block_hash, b.block::text AS block,
            (SELECT coalesce(max(position), 0) FROM events)::text AS max_position
     FROM event_chain c, LATERAL (SELECT * FROM event_blocks ORDER BY block DESC LIMIT 1) b WHERE c.id = 1`,
  );
  audit.headHash = head?.last_hash.toString('hex') ?? '';
  const whole = head && head.last_position === head.block_last_position && head.last_block === head.block && head.last_hash.equals(head.block_hash) && head.max_position === head.last_position;
  if (!whole) {
    audit.report(
      'chain_head_mismatch',
      `the chain head (position ${head?.last_position ?? 'missing'}, block ${head?.last_block ?? 'missing'}) does not end at the last block (${head?.block ?? 'missing'}, position ${head?.block_last_position ?? '?'}) and the last event (${head?.max_position ?? '?'}): events or blocks were removed or appended around the chain`,
    );
  }
}
