import type pg from 'pg';
import { Decimal } from '../../../common/money/decimal.js';
import { exactReference } from '../../domain/exact-matcher.js';
import { directionMismatchReason } from '../../domain/direction-mismatch.js';
import { logCodeOfUnmatched, logReasonCodes } from '../../domain/log-reason-codes.js';
import type { Candidate } from '../../domain/matcher.js';
import { unmatchedRow } from '../../domain/recon-job.js';
import { directionsAgree, isWithinTolerances } from '../../domain/pair-dating.js';
import type { ReconRecord, ReconSide } from '../../domain/recon-record.js';
import { explainUnmatched, explainUnsupportedCurrency, type Unmatched } from '../../domain/unmatched-explainer.js';
import { blockingCtes, prefixed, unmatched } from './blocking-sql.js';
import { cursorRows, groupedBy } from './cursor.js';
import type { LogCopy } from './log-copy.js';
import { blockingParams, sideOf, type MatchScope, type PairRow } from './set-matching.js';
import { keyOrder, matchKey, otherSide, recordOf, sideRows, trimmed, type SideRow } from './staged-sides.js';

/** Same-reference records named in a reason: the nearest in time and, when that is the closest pair, the next. */
const sameReferenceKept = 2;

/**
 * Logs every unmatched record of `side` with its reason. Each record's neighbourhood (the pairs blocking
 * finds, matched or not, and the nearest records with its reference) is found set-based in two steps: the
 * pairs of all the side's unmatched records by one statement into a temporary table, analyzed, then one query
 * streamed through a cursor that joins each record to its pairs, each pair's record and that record's partner.
 * The domain's explainer words the reason from that neighbourhood alone: what it needs of the other side is
 * exactly those records, so the sentence is the one the in-memory engine wrote.
 *
 * Two steps because one query left the planner guessing: it could not know how few records are unmatched, so it
 * sorted and merge-joined whole sides to attach partners (3 s a side at 200k) and, at 1M, probed per record
 * (16-42 s per 2,000 records). With the pairs counted and analyzed, the joins are hashed over the pairs only.
 */
export async function logUnmatched(client: pg.PoolClient, scope: MatchScope, side: ReconSide, logs: LogCopy): Promise<void> {
  const other = otherSide(side);
  // One table a side (both sides are explained in the job's final transaction, which drops them).
  const pairs = `recon_unmatched_pairs_${side}`;
  await client.query(
    `CREATE TEMPORARY TABLE ${pairs} ON COMMIT DROP AS
     WITH ${blockingCtes({ probe: side, unmatchedPartnersOnly: false, compareDirection: false })},
     same_reference AS (
       SELECT probe_key, other_key FROM (
         SELECT p.key AS probe_key, o.key AS other_key,
                row_number() OVER (PARTITION BY p.key ORDER BY abs(extract(epoch FROM o.occurred_at - p.occurred_at)), ${keyOrder('o.key')}) AS nearness
         FROM probe p JOIN other o ON ${trimmed('o.reference')} = ${trimmed('p.reference')}
         WHERE ${trimmed('p.reference')} <> ''
       ) ranked WHERE nearness <= ${sameReferenceKept}
     )
     SELECT probe_key, other_key FROM near UNION SELECT probe_key, other_key FROM same_reference`,
    blockingParams(scope),
  );
  await client.query(`ANALYZE ${pairs}`);
  const sql = `WITH probe AS (SELECT * FROM (${sideRows[side]}) p WHERE p.currency = ANY($2) AND p.in_period
                                AND ${unmatched(side, 'p')})
    SELECT ${prefixed('p', 'p_')}, ${prefixed('o', 'o_')}, partner.key AS partner_key, partner.line AS partner_line
    FROM probe p
    LEFT JOIN ${pairs} pairs ON pairs.probe_key = p.key
    LEFT JOIN (${sideRows[other]}) o ON o.key = pairs.other_key
    LEFT JOIN recon_staging_matches m ON m.job_id = $1 AND m.${matchKey[other]} = o.key
    LEFT JOIN (${sideRows[side]}) partner ON partner.key = m.${matchKey[side]}
    ORDER BY ${keyOrder('p.key')}, ${keyOrder('o.key')}`;
  const { params } = scope;
  const rows = cursorRows<PairRow>(client, `recon_unmatched_${side}`, sql, [scope.jobId, scope.currencies]);
  for await (const group of groupedBy(rows, (row) => row.p_key as string)) {
    const probe = recordOf(side, sideOf(group[0], 'p_'));
    // Records moving money the other way are never counterparts; they only explain a leftover that has none.
    const around = group.filter((row) => row.o_key !== null).map((row) => ({ row, record: recordOf(other, sideOf(row, 'o_')) }));
    const agreeing = around.filter(({ record }) => directionsAgree(probe, record));
    const opposite = around.find(({ record }) => !directionsAgree(probe, record) && isWithinTolerances(probe, record, params, scope.dating))?.record;
    const counterparts = agreeing.map(({ record }) => record);
    const matchOfCounterpart = new Map<string, Candidate>();
    for (const { row, record } of agreeing) {
      if (row.partner_key !== null) matchOfCounterpart.set(record.key, pairWithPartner(record, row));
    }
    const [explained] = explainUnmatched([probe], { params, matcherTypes: ['exact', 'fuzzy'], counterparts, matchOfCounterpart, dating: scope.dating });
    if (explained.code === 'no_candidate' && opposite !== undefined) {
      await logs.push(unmatchedRow({ ...explained, reason: directionMismatchReason(probe, opposite) }, logReasonCodes.directionMismatch));
      continue;
    }
    await logs.push(unmatchedRow(explained, logCodeOfUnmatched(explained.code, sameReferenceOutsideTolerance(explained, counterparts, params.allowedAmountDiff))));
  }
}

/** Records in a currency the job does not reconcile: logged, never offered to matching. */
export async function logUnsupported(client: pg.PoolClient, scope: MatchScope, side: ReconSide, logs: LogCopy, supported: ReadonlySet<string>): Promise<void> {
  const sql = `SELECT key, line, reference, amount::text AS amount, currency, occurred_at FROM (${sideRows[side]}) s
               WHERE NOT s.currency = ANY($2) AND s.in_period ORDER BY ${keyOrder('key')}`;
  for await (const row of cursorRows<SideRow>(client, `recon_unsupported_${side}`, sql, [scope.jobId, scope.currencies])) {
    const entry: Unmatched = explainUnsupportedCurrency(recordOf(side, row), supported);
    await logs.push(unmatchedRow(entry));
  }
}

/** The accepted match of `counterpart`, as the explainer needs it: only the partner's identity is read. */
function pairWithPartner(counterpart: ReconRecord, row: PairRow): Candidate {
  const partner: ReconRecord = {
    side: otherSide(counterpart.side),
    key: row.partner_key as string,
    reference: '',
    amount: new Decimal(0),
    currency: counterpart.currency,
    occurredAt: counterpart.occurredAt,
    ...(row.partner_line !== null && { line: row.partner_line as number }),
  };
  const [external, internal] = counterpart.side === 'external' ? [counterpart, partner] : [partner, counterpart];
  return { external, internal, type: 'exact', score: 1, amountDiff: new Decimal(0), timeDiffMinutes: 0 };
}

/** "Nothing within tolerance", yet a record in the same currency carries the same reference: its amount is off. */
function sameReferenceOutsideTolerance(entry: Unmatched, counterparts: readonly ReconRecord[], allowed: Decimal): boolean {
  if (entry.code !== 'no_candidate' || exactReference(entry.record) === '') return false;
  return counterparts.some(
    (other) => exactReference(other) === exactReference(entry.record) && other.currency === entry.record.currency && other.amount.minus(entry.record.amount).abs().gt(allowed),
  );
}
