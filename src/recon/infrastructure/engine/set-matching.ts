import type pg from 'pg';
import { comparisonsPerRecordMax } from '../../domain/limits.js';
import { logReasonCodes, matchedLogCode } from '../../domain/log-reason-codes.js';
import type { PairDating } from '../../domain/pair-dating.js';
import type { MatchParameters } from '../../domain/recon-record.js';
import type { JoinableExactRule } from '../../domain/rules/joinable-exact-rule.js';
import type { MatchRule } from '../../domain/rules/match-rule.js';
import { ruleCandidates } from '../../domain/rules/rule-candidates.js';
import type { TimeWindow } from '../../domain/recon-source.js';
import { blockingCtes, prefixed } from './blocking-sql.js';
import { formattedAmount } from './amount-sql.js';
import { directionsAgree, pairDistanceMs, withinTiming } from './pair-conditions-sql.js';
import { cursorRows, groupedBy } from './cursor.js';
import { CopyBatcher } from './pg-copy.js';
import { analyzeMatches } from './staging-statistics.js';
import { bucketWidth, keyOrder, ledgerCandidateOf, recordOf, trimmed, type SideRow } from './staged-sides.js';

export interface MatchScope {
  readonly jobId: string;
  readonly params: MatchParameters;
  readonly currencies: readonly string[];
  readonly dating: PairDating;
  /** The source's ordered rules (defaultMatchRules of the job's parameters when it states none). */
  readonly rules: readonly MatchRule[];
  /** Whether the job is scoped to one ledger account (only then are directions compared). */
  readonly accountScoped: boolean;
}

/** The parameters every blocking query takes ($1..$7, see BlockingOptions). */
export function blockingParams(scope: MatchScope): unknown[] {
  const { params } = scope;
  return [scope.jobId, scope.currencies, bucketWidth(params.allowedAmountDiff), params.allowedAmountDiff.toFixed(), params.maxTimeDiffMinutes, comparisonsPerRecordMax, scope.dating.maxDateLagDays];
}

/**
 * The key external systems quote: the transfer's reference, else metadata.txn_id or metadata.external_id
 * when a string.
 */
const matchingReference = `COALESCE(reference, CASE
    WHEN jsonb_typeof(metadata -> 'txn_id') = 'string' THEN metadata ->> 'txn_id'
    WHEN COALESCE(jsonb_typeof(metadata -> 'txn_id'), 'null') = 'null' AND jsonb_typeof(metadata -> 'external_id') = 'string' THEN metadata ->> 'external_id'
  END, '')`;

/** A job's period of business dates (inclusive) in the business time zone. */
export interface BusinessPeriod {
  readonly from: string;
  readonly to: string;
  readonly timeZone: string;
}

/**
 * Copies the ledger transfers of the job's window (the period widened by the time window, so a payment just
 * before midnight still meets its counterpart, and by the date lag, so a transfer booked by the bank days
 * later still meets its line) once, through the ledger's read-only view, with each transfer's business day
 * and, on a job scoped to an account, its direction for that account (money leaving it is a debit). Transfers
 * in the margins are marked: they may match, but unmatched they belong to a neighbouring period.
 */
export async function stageLedger(client: pg.PoolClient, jobId: string, window: TimeWindow, period: BusinessPeriod, accountId: string | null, dating: PairDating): Promise<number> {
  const result = await client.query(
    `INSERT INTO recon_staging_ledger (job_id, transfer_id, reference, amount, currency, occurred_at, business_day, direction, in_period, metadata)
     SELECT $1, id, reference, amount, currency, occurred_at, business_day, direction, business_day BETWEEN $5::date AND $6::date, metadata
     FROM (SELECT id, ${matchingReference} AS reference, metadata, amount, currency, occurred_at, (occurred_at AT TIME ZONE $7)::date AS business_day,
                  CASE WHEN $4::uuid IS NULL OR debit_account_id = credit_account_id THEN NULL WHEN debit_account_id = $4 THEN 'debit' ELSE 'credit' END AS direction
           FROM ledger_recon_transfers
           WHERE occurred_at >= $2::timestamptz - make_interval(days => $8) AND occurred_at < $3 AND ($4::uuid IS NULL OR debit_account_id = $4 OR credit_account_id = $4)) t`,
    [jobId, window.from, window.to, accountId, period.from, period.to, period.timeZone, dating.maxDateLagDays],
  );
  return result.rowCount ?? 0;
}

/**
 * Exact, by one join (see joinableExactRule): same trimmed non-empty reference, currency and amount, within the
 * rule's time window (a date-only record: booked 0..maxDateLagDays days after), directions agreeing.
 */
export async function findExactCandidates(client: pg.PoolClient, scope: MatchScope, rule: JoinableExactRule): Promise<void> {
  const pair = { external: 'e', ledger: 'l' };
  await client.query(
    `INSERT INTO recon_staging_candidates (job_id, external_id, transfer_id, match_type, score, amount_diff, time_diff_ms, rule)
     SELECT $1, e.external_id, l.transfer_id, 'exact', 1, 0, ${pairDistanceMs(pair)}, $5
     FROM recon_staging e
     JOIN recon_staging_ledger l ON l.job_id = $1 AND l.currency = e.currency AND l.amount = e.amount AND ${trimmed('l.reference')} = ${trimmed('e.reference')}
     WHERE e.job_id = $1 AND e.claimed_by IS NULL AND l.claimed_by IS NULL AND e.currency = ANY($2) AND ${trimmed('e.reference')} <> ''
       AND ${withinTiming(pair, '$3', '$4')} AND ${directionsAgree(pair)}`,
    [scope.jobId, scope.currencies, rule.timeWindowMinutes, rule.maxDateLagDays ?? 0, rule.name],
  );
}

/**
 * Rules: the pairs blocking finds among the records still unmatched (within the job's amount allowance and
 * time window, same currency, directions agreeing), streamed through a cursor one external record at a time,
 * judged by the source's ordered rules (ruleCandidates, first match wins), and the kept candidates copied back
 * naming their rule. A rule wider than the job's parameters only sees the pairs blocking finds.
 */
export async function findRuleCandidates(client: pg.PoolClient, scope: MatchScope): Promise<void> {
  const context = { businessTimeZone: scope.dating.timeZone, accountScoped: scope.accountScoped };
  const candidates = new CopyBatcher(client, `COPY recon_staging_candidates (job_id, external_id, transfer_id, match_type, score, amount_diff, time_diff_ms, rule) FROM STDIN`);
  const sql = `WITH ${blockingCtes({ probe: 'external', unmatchedPartnersOnly: true, compareDirection: true })}
    SELECT ${prefixed('p', 'p_')}, ${prefixed('o', 'o_')}
    FROM near JOIN probe p ON p.key = near.probe_key JOIN other o ON o.key = near.other_key
    ORDER BY ${keyOrder('p.key')}, ${keyOrder('o.key')}`;
  const rows = cursorRows<PairRow>(client, 'recon_fuzzy_pairs', sql, blockingParams(scope));
  for await (const group of groupedBy(rows, (row) => row.p_key as string)) {
    const external = recordOf('external', sideOf(group[0], 'p_'));
    const partners = group.map((row) => ledgerCandidateOf(sideOf(row, 'o_')));
    for (const candidate of ruleCandidates(external, partners, scope.rules, context)) {
      await candidates.push([scope.jobId, external.key, candidate.internalId, candidate.kind, candidate.score, candidate.amountDiff.toFixed(), candidate.distanceMs, candidate.rule]);
    }
  }
  await candidates.flush();
}

/**
 * Turns the job's candidates into one-to-one matches, exactly as the domain's greedy best-first assignment
 * would (higher score, then nearer in time, then nearer in amount, then external key, then transfer key):
 * each round accepts every pair that is the best remaining choice of both its records (such a pair is
 * accepted by the greedy walk whatever else happens), until no pair is left. Candidates are then dropped.
 */
export async function assignCandidates(client: pg.PoolClient, jobId: string): Promise<void> {
  for (;;) {
    const round = await client.query(
      `WITH live AS (
         SELECT c.* FROM recon_staging_candidates c
         WHERE c.job_id = $1
           AND NOT EXISTS (SELECT 1 FROM recon_staging_matches m WHERE m.job_id = $1 AND m.external_id = c.external_id)
           AND NOT EXISTS (SELECT 1 FROM recon_staging_matches m WHERE m.job_id = $1 AND m.transfer_id = c.transfer_id)
       ), ranked AS (
         SELECT live.*,
                row_number() OVER (PARTITION BY external_id ORDER BY score DESC, time_diff_ms, amount_diff, ${keyOrder('transfer_id::text')}) AS for_external,
                row_number() OVER (PARTITION BY transfer_id ORDER BY score DESC, time_diff_ms, amount_diff, ${keyOrder('external_id')}) AS for_transfer
         FROM live
       )
       INSERT INTO recon_staging_matches (job_id, external_id, transfer_id, match_type, score, amount_diff, time_diff_ms, rule)
       SELECT job_id, external_id, transfer_id, match_type, score, amount_diff, time_diff_ms, rule FROM ranked WHERE for_external = 1 AND for_transfer = 1`,
      [jobId],
    );
    if ((round.rowCount ?? 0) === 0) break;
    // The next round's anti-joins read the matches just made: with statistics of another job's matches (or of
    // none), the planner expected a handful and the second round at 200k did not finish in minutes.
    await analyzeMatches(client);
  }
  await client.query(`DELETE FROM recon_staging_candidates WHERE job_id = $1`, [jobId]);
}

/** Unmatched transfers of the margins: another period's business, logged as such and counted nowhere. */
export async function logOutOfPeriodTransfers(client: pg.PoolClient, jobId: string, period: BusinessPeriod): Promise<void> {
  await client.query(
    `INSERT INTO recon_logs (job_id, side, internal_transfer_id, internal_reference, matched, currency, internal_amount, reason, reason_code)
     SELECT $1, 'internal', l.transfer_id, NULLIF(l.reference, ''), false, l.currency, l.amount,
            'transfer ' || l.transfer_id || ' is dated ' || to_char(l.occurred_at AT TIME ZONE $4, 'YYYY-MM-DD') || ', outside the period ' || $2 || ' .. ' || $3,
            $5
     FROM recon_staging_ledger l
     WHERE l.job_id = $1 AND NOT l.in_period AND l.claimed_by IS NULL AND NOT EXISTS (SELECT 1 FROM recon_staging_matches m WHERE m.job_id = $1 AND m.transfer_id = l.transfer_id)
     ORDER BY l.occurred_at, l.transfer_id`,
    [jobId, period.from, period.to, period.timeZone, logReasonCodes.outOfPeriod],
  );
}

/** The matched pairs' log rows, written by the database from the staging tables (matches analyzed by assignment). */
export async function logMatches(client: pg.PoolClient, jobId: string): Promise<void> {
  await client.query(
    `INSERT INTO recon_logs (job_id, side, external_id, external_line, internal_transfer_id, internal_reference, matched, match_type, score,
                             amount_diff, time_diff_minutes, currency, external_amount, internal_amount, reason, reason_code, rule)
     SELECT $1, 'external', e.external_id, e.line, l.transfer_id, NULLIF(l.reference, ''), true, m.match_type, m.score,
            m.amount_diff, round(m.time_diff_ms / 60000.0, 2), e.currency, e.amount, l.amount,
            'rule ' || quote_literal(m.rule) || ': ' ||
              CASE m.match_type WHEN 'exact' THEN 'the rule''s fields are equal, currency the same, within its timing'
                                WHEN 'tolerance' THEN 'same reference, amount ' || ${formattedAmount('m.amount_diff')} || ' apart within the rule''s tolerance'
                                ELSE 'fuzzy score ' || m.score::text || ' at or above the threshold' END,
            CASE m.match_type WHEN 'exact' THEN $2 WHEN 'tolerance' THEN $4 ELSE $3 END, m.rule
     FROM recon_staging_matches m
     JOIN recon_staging e ON e.job_id = $1 AND e.external_id = m.external_id
     JOIN recon_staging_ledger l ON l.job_id = $1 AND l.transfer_id = m.transfer_id
     WHERE m.job_id = $1
     ORDER BY m.match_type, e.line, ${keyOrder('e.external_id')}`,
    [jobId, matchedLogCode('exact'), matchedLogCode('fuzzy'), matchedLogCode('tolerance')],
  );
}

/** A row holding two records, their columns prefixed p_ (probe) and o_ (other side). */
export type PairRow = Record<string, unknown>;

/** One side's columns out of a row that holds two, by prefix. */
export function sideOf(row: Record<string, unknown>, prefix: string): SideRow {
  return {
    key: row[`${prefix}key`] as string,
    line: row[`${prefix}line`] as number | null,
    reference: row[`${prefix}reference`] as string,
    amount: row[`${prefix}amount`] as string,
    currency: row[`${prefix}currency`] as string,
    occurred_at: row[`${prefix}occurred_at`] as Date,
    time_precision: row[`${prefix}time_precision`] as string | null,
    booking_date: row[`${prefix}booking_date`] as string | null,
    direction: row[`${prefix}direction`] as string | null,
    end_to_end_id: row[`${prefix}end_to_end_id`] as string | null,
    counterparty: row[`${prefix}counterparty`] as string | null,
    metadata: row[`${prefix}metadata`] as Record<string, unknown> | null,
  };
}
