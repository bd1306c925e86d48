import type { Queryable } from '../../database/unit-of-work.js';
import type { Finding, FindingKind } from './ledger-audit.js';

/** The genesis block: the events chained one to the next before blocks existed (scheme 'event_chain'). */
export interface GenesisBlock {
  lastPosition: string;
  hash: Buffer;
}

/** Only the first problems are listed: a log cut or rewritten near its start would otherwise list every later block. */
const blockProblemsMax = 100;
const zeroHash = `'\\x${'00'.repeat(32)}'::bytea`;

/** The block check's findings and the head hash, kept apart while the fold runs at the same time and merged after it. */
export class ChainFindings {
  readonly findings: Finding[] = [];
  /** The hash that pins the whole log: the head's, which must be the last block's. */
  headHash = '';

  report(kind: FindingKind, message: string): void {
    this.findings.push({ kind, message });
  }
}

export async function readGenesis(tx: Queryable): Promise<GenesisBlock | undefined> {
  const [row]: { last_position: string; hash: Buffer }[] = await tx.query(`SELECT last_position::text AS last_position, hash FROM event_blocks WHERE block = 0`);
  return row && { lastPosition: row.last_position, hash: row.hash };
}

/**
 * The chain of blocks, checked set-based in PostgreSQL (each event's own hash is checked as the log is read, see
 * audit-log-reader.ts): the genesis block's coverage and where its events' chain ends, each later block's coverage
 * (no position missing in its range) and hash over its events' hashes, each block's link to its predecessor, and the
 * head. Only problems come back to Node, never one row per block.
 */
export async function checkBlocks(tx: Queryable, audit: ChainFindings, genesis: GenesisBlock | undefined): Promise<void> {
  if (!genesis) return audit.report('block_chain_broken', 'the genesis block (block 0) is missing');
  await checkGenesis(tx, audit, genesis);
  await checkLaterBlocks(tx, audit);
  await checkHead(tx, audit);
}

async function checkGenesis(tx: Queryable, audit: ChainFindings, genesis: GenesisBlock): Promise<void> {
  const [row]: { well_formed: boolean; events: string; last_event: string; tail: Buffer }[] = await tx.query(
    `SELECT b.first_position = 1 AND b.scheme = 'event_chain' AND b.previous_hash = ${zeroHash} AS well_formed,
            chained.events::text AS events, coalesce(chained.last_event, 0)::text AS last_event,
            coalesce((SELECT hash FROM events WHERE position = chained.last_event), ${zeroHash}) AS tail
     FROM event_blocks b,
          LATERAL (SELECT count(*) AS events, max(position) AS last_event FROM events WHERE position BETWEEN 1 AND b.last_position) chained
     WHERE b.block = 0`,
  );
  if (!row.well_formed) audit.report('block_chain_broken', `block 0 does not start at position 1 from the zero hash with the event_chain scheme`);
  if (row.events !== genesis.lastPosition) audit.report('block_chain_broken', `block 0 covers positions 1-${genesis.lastPosition} but ${row.events} of its events exist`);
  // The old chain's last hash is the genesis block's hash: a cut or rewritten tail shows here, not in any one event.
  if (!row.tail.equals(genesis.hash)) {
    audit.report(
      'hash_chain_broken',
      `the events chained before blocks end at ${row.last_event} with a hash that is not the genesis block's (which ends at ${genesis.lastPosition}): the old chain was edited or cut`,
    );
  }
}

async function checkLaterBlocks(tx: Queryable, audit: ChainFindings): Promise<void> {
  // Each block's hashes are aggregated from an index range scan in position order (the subquery's ORDER BY is what
  // string_agg receives), one block at a time: no sort, and no aggregate over the genesis block's possibly long range.
  const problems: { block: string; problem: string }[] = await tx.query(
    `WITH checked AS (
       SELECT b.block, b.first_position, b.last_position, b.previous_hash, b.hash, b.scheme, covered.events,
              sha256(b.previous_hash || covered.hashes) AS computed,
              lag(b.block) OVER w AS previous_block, lag(b.last_position) OVER w AS previous_last, lag(b.hash) OVER w AS previous_block_hash
       FROM event_blocks b,
            LATERAL (SELECT count(*) AS events, coalesce(string_agg(hash, ''::bytea), ''::bytea) AS hashes
                     FROM (SELECT e.hash FROM events e
                           WHERE b.block > 0 AND e.position BETWEEN b.first_position AND b.last_position ORDER BY e.position) in_order) covered
       WINDOW w AS (ORDER BY b.block))
     SELECT block::text AS block, problem FROM (
       SELECT block,
              CASE WHEN events <> last_position - first_position + 1 THEN format('covers positions %s-%s but %s of its events exist', first_position, last_position, events)
                   WHEN computed <> hash THEN 'its hash does not match its events (an event or its hash was edited)'
                   WHEN scheme <> 'block' THEN 'only block 0 may use the event_chain scheme'
                   WHEN block <> previous_block + 1 THEN format('follows block %s', previous_block)
                   WHEN first_position <> previous_last + 1 THEN format('starts at %s, not after the previous block''s %s', first_position, previous_last)
                   WHEN previous_hash <> previous_block_hash THEN 'does not link to the previous block''s hash'
              END AS problem
       FROM checked WHERE block > 0) found
     WHERE problem IS NOT NULL ORDER BY block LIMIT ${blockProblemsMax}`,
  );
  for (const { block, problem } of problems) audit.report('block_chain_broken', `block ${block} ${problem}`);
}

/** The head (event_chain) must name the last block, its hash and last position, and no event may lie beyond it. */
async function checkHead(tx: Queryable, audit: ChainFindings): Promise<void> {
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
