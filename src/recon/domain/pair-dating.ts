import { dateIn } from './business-day.js';
import type { MatchRule } from './rules/match-rule.js';
import { amountDiff, msPerMinute, timeDiffMs } from './record-distance.js';
import type { MatchParameters, ReconRecord } from './recon-record.js';

const msPerDay = 86_400_000;

/**
 * How a date-only record (a statement's booking date) meets a ledger transfer: on calendar days in the
 * business time zone, the bank booking 0..maxDateLagDays days after the transfer's business day, never before.
 */
export interface PairDating {
  readonly timeZone: string;
  readonly maxDateLagDays: number;
}

/** The widest lag any of a source's rules allows; 0 (the same day) without rules or without a lag. */
export function maxDateLagDaysOf(rules: readonly MatchRule[] | undefined): number {
  return Math.max(0, ...(rules ?? []).map((rule) => rule.maxDateLagDays ?? 0));
}

/**
 * Days from the transfer's business day to the external record's booking day, when the external record has
 * only a date; undefined for a timed record (compared in minutes).
 */
export function dayLagOf(external: ReconRecord, internal: ReconRecord, timeZone: string): number | undefined {
  if (external.timePrecision !== 'date' || external.bookingDate === undefined) return undefined;
  return (Date.parse(external.bookingDate) - Date.parse(dateIn(timeZone, internal.occurredAt.getTime()))) / msPerDay;
}

export function isWithinLag(dayLag: number, dating: PairDating): boolean {
  return dayLag >= 0 && dayLag <= dating.maxDateLagDays;
}

/**
 * On an account-scoped job both sides carry a direction seen from that account (money out is a debit);
 * they must agree. A side without one (an unscoped job, a source that does not say) is not compared.
 */
export function directionsAgree(a: ReconRecord, b: ReconRecord): boolean {
  return a.direction === undefined || b.direction === undefined || a.direction === b.direction;
}

/**
 * Whether two records of opposite sides are within the job's amount tolerance and its timing (calendar days
 * for a date-only external record, minutes otherwise), in the same currency; direction is not looked at.
 */
export function isWithinTolerances(a: ReconRecord, b: ReconRecord, params: MatchParameters, dating: PairDating): boolean {
  const [external, internal] = a.side === 'external' ? [a, b] : [b, a];
  if (external.currency !== internal.currency || amountDiff(external, internal).gt(params.allowedAmountDiff)) return false;
  const dayLag = dayLagOf(external, internal, dating.timeZone);
  return dayLag === undefined ? timeDiffMs(external, internal) <= params.maxTimeDiffMinutes * msPerMinute : isWithinLag(dayLag, dating);
}
