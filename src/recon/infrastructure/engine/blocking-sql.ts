import type { ReconSide } from '../../domain/recon-record.js';
import { directionsAgree, withinTiming, type PairAliases } from './pair-conditions-sql.js';
import { keyOrder, matchKey, otherSide, sideRows, trimmed } from './staged-sides.js';

/**
 * Parameters every blocking query takes, in this order after the job id ($1): $2 supported currencies
 * (text[]), $3 amount bucket width, $4 allowed amount difference, $5 time window in minutes, $6 pairs kept
 * per probe record (nearest in time first), $7 days a date-only record may be booked after the transfer.
 */
export interface BlockingOptions {
  readonly probe: ReconSide;
  /** Probe only records still unmatched (always), and pair them only with unmatched records of the other side. */
  readonly unmatchedPartnersOnly: boolean;
  /** Pair only records whose directions agree (finding candidates); explaining leftovers sees both ways. */
  readonly compareDirection: boolean;
}

/**
 * Not matched one-to-one, and not decided by the group phase (a group member, or a target logged
 * ambiguous_group / group_search_capped by settleGroups), so the unmatched logging never logs it twice.
 */
export const unmatched = (side: ReconSide, alias: string) =>
  `NOT EXISTS (SELECT 1 FROM recon_staging_matches m WHERE m.job_id = $1 AND m.${matchKey[side]} = ${alias}.key)
   AND NOT EXISTS (SELECT 1 FROM recon_staging_groups g WHERE g.job_id = $1 AND g.${matchKey[side]} = ${alias}.key)`;

/**
 * CTEs `probe`, `other` and `near`: the unmatched supported in-period records of the probe side, the supported
 * records of the other side, and the pairs between them a rule could accept, within the time window (calendar
 * days for a date-only record). Pairs come from two equi-joins, never from comparing every pair:
 * - on (currency, amount bucket), each probe against its own and both neighbouring buckets, amounts within the
 *   job's allowed difference (what exact amounts and the fuzzy score need);
 * - on (currency, trimmed reference), whatever the amounts: a tolerance rule may allow far more than the job's
 *   allowed difference (1% of 1,000.00 is 10.00), and an unmatched record's closest candidate is then the
 *   same-reference transfer whose amount is out of tolerance.
 * Each probe keeps its `$6` nearest pairs in time.
 */
export function blockingCtes(options: BlockingOptions): string {
  const other = otherSide(options.probe);
  const pair: PairAliases = options.probe === 'external' ? { external: 'p', ledger: 'o' } : { external: 'o', ledger: 'p' };
  const close = `${withinTiming(pair, '$5', '$7')} ${options.compareDirection ? `AND ${directionsAgree(pair)}` : ''}`;
  const apart = 'abs(extract(epoch FROM o.occurred_at - p.occurred_at)) AS seconds_apart';
  return `
    probe AS (SELECT * FROM (${sideRows[options.probe]}) p WHERE p.currency = ANY($2) AND p.in_period AND ${unmatched(options.probe, 'p')}),
    other AS (SELECT o.*, floor(o.amount / $3) AS bucket FROM (${sideRows[other]}) o
              WHERE o.currency = ANY($2) ${options.unmatchedPartnersOnly ? `AND ${unmatched(other, 'o')}` : ''}),
    near AS (
      SELECT probe_key, other_key FROM (
        SELECT probe_key, other_key, row_number() OVER (PARTITION BY probe_key ORDER BY seconds_apart, ${keyOrder('other_key')}) AS nearness
        FROM (
          SELECT p.key AS probe_key, o.key AS other_key, ${apart}
          FROM probe p CROSS JOIN (VALUES (-1), (0), (1)) AS shift (k)
          JOIN other o ON o.currency = p.currency AND o.bucket = floor(p.amount / $3) + shift.k
          WHERE abs(o.amount - p.amount) <= $4 AND ${close}
          UNION
          SELECT p.key AS probe_key, o.key AS other_key, ${apart}
          FROM probe p JOIN other o ON o.currency = p.currency AND ${trimmed('o.reference')} = ${trimmed('p.reference')}
          WHERE ${trimmed('p.reference')} <> '' AND ${close}
        ) pairs
      ) ranked WHERE nearness <= $6
    )`;
}

/** The columns of a side's row under a prefix, for queries that return both records of a pair. */
export const prefixed = (alias: string, prefix: string) =>
  `${alias}.key AS ${prefix}key, ${alias}.line AS ${prefix}line, ${alias}.reference AS ${prefix}reference, ${alias}.amount::text AS ${prefix}amount,
   ${alias}.currency AS ${prefix}currency, ${alias}.occurred_at AS ${prefix}occurred_at, ${alias}.time_precision AS ${prefix}time_precision,
   to_char(${alias}.booking_date, 'YYYY-MM-DD') AS ${prefix}booking_date, ${alias}.direction AS ${prefix}direction,
   ${alias}.end_to_end_id AS ${prefix}end_to_end_id, ${alias}.counterparty AS ${prefix}counterparty, ${alias}.metadata AS ${prefix}metadata`;
