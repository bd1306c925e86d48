import { AmountTimeIndex } from './amount-time-index.js';
import { compareCandidates } from './candidate-ranking.js';
import { exactReference } from './exact-matcher.js';
import { scoredNeighbours } from './fuzzy-matcher.js';
import { fuzzyWeights } from './fuzzy-scorer.js';
import type { Candidate, MatchType } from './matcher.js';
import { counterpartNoun, describeRecord, formatAmount, formatMinutes, formatScore, formatTime } from './reason-format.js';
import type { MatchParameters, ReconRecord } from './recon-record.js';
import { msPerMinute, timeDiffMs } from './record-distance.js';
import { indexByTime, nearestInTime, type TimeOrderedList } from './time-ordered-list.js';
import { dayLagOf, type PairDating } from './pair-dating.js';

/**
 * Why a record stayed unmatched, machine-readable; `reason` says the same for a human:
 * - unsupported_currency: the record's currency is not enabled, so it was never offered to a matcher;
 * - no_candidate: nothing on the other side is within the amount and time tolerances;
 * - below_threshold: the closest pair scores under the fuzzy threshold;
 * - counterpart_matched: the closest pair's other record was matched to someone else;
 * - not_selected: the closest pair passes the threshold but no enabled matcher chose it.
 */
export type UnmatchedCode = 'unsupported_currency' | 'no_candidate' | 'below_threshold' | 'counterpart_matched' | 'not_selected';

export interface Unmatched {
  readonly record: ReconRecord;
  readonly code: UnmatchedCode;
  readonly reason: string;
  /** The best-scoring pair within the tolerances (the fuzzy scorer's view), matched elsewhere or not. */
  readonly closest?: Candidate;
}

export interface ExplainContext {
  readonly params: MatchParameters;
  readonly matcherTypes: readonly MatchType[];
  /** Every supported-currency record of the other side, matched or not. */
  readonly counterparts: readonly ReconRecord[];
  /** The accepted match of each matched record of the other side, by that record's key. */
  readonly matchOfCounterpart: ReadonlyMap<string, Candidate>;
  /** How date-only lines meet transfers; without it, the same UTC day. */
  readonly dating?: PairDating;
}

const sameUtcDay: PairDating = { timeZone: 'UTC', maxDateLagDays: 0 };

/** The closest pair of an unmatched record and the record it pairs with on the other side. */
interface Nearest {
  readonly candidate: Candidate;
  readonly counterpart: ReconRecord;
}

/** Explains the unmatched records of one side: indexes the other side once, then one blocking probe each. */
export function explainUnmatched(records: readonly ReconRecord[], context: ExplainContext): Unmatched[] {
  const index = AmountTimeIndex.build(context.counterparts, context.params);
  const byReference = indexByTime(context.counterparts, (record) => exactReference(record) || undefined);
  return records.map((record) => {
    const nearest = nearestCandidate(record, index, context.params);
    const code = classify(nearest, context);
    const reason =
      headline(record, nearest, context) +
      nearestClause(nearest, code, context) +
      sameReferenceClause(record, nearest, byReference.get(exactReference(record)), context);
    return { record, code, reason, closest: nearest?.candidate };
  });
}

/** Unsupported currencies are set aside before matching, so they get their own sentence. */
export function explainUnsupportedCurrency(record: ReconRecord, supportedCurrencies: ReadonlySet<string>): Unmatched {
  const listed = supportedCurrencies.size <= 10 ? ` (supported: ${[...supportedCurrencies].sort().join(', ')})` : '';
  const reason = `currency '${record.currency}' is not supported by this reconciliation${listed}; the record was not matched`;
  return { record, code: 'unsupported_currency', reason };
}

function nearestCandidate(record: ReconRecord, index: AmountTimeIndex, params: MatchParameters): Nearest | undefined {
  let best: Candidate | undefined;
  for (const candidate of scoredNeighbours(record, index, params)) {
    if (best === undefined || compareCandidates(candidate, best) < 0) best = candidate;
  }
  if (best === undefined) return undefined;
  return { candidate: best, counterpart: record.side === 'external' ? best.internal : best.external };
}

function classify(nearest: Nearest | undefined, context: ExplainContext): UnmatchedCode {
  if (nearest === undefined) return 'no_candidate';
  if (context.matchOfCounterpart.has(nearest.counterpart.key)) return 'counterpart_matched';
  return nearest.candidate.score < context.params.fuzzyThreshold ? 'below_threshold' : 'not_selected';
}

function headline(record: ReconRecord, nearest: Nearest | undefined, context: ExplainContext): string {
  const { allowedAmountDiff, maxTimeDiffMinutes } = context.params;
  const noun = counterpartNoun(record);
  const dated = datedRange(record, context);
  if (nearest === undefined) {
    const timing = dated === undefined ? `and time within ${maxTimeDiffMinutes} minutes of ${formatTime(record.occurredAt)}` : `dated ${dated}`;
    return `no ${noun} in ${record.currency} with amount within ${formatAmount(allowedAmountDiff)} of ${formatAmount(record.amount)} ${timing}`;
  }
  if (exactReference(record) === '') {
    return `the record has no reference, so it cannot match exactly and scores at most ${formatScore(1 - fuzzyWeights.reference)} fuzzily`;
  }
  return `no ${noun} with reference '${exactReference(record)}' and amount ${formatAmount(record.amount)} ${record.currency} ${dated === undefined ? `within ${maxTimeDiffMinutes} min` : `dated ${dated}`}`;
}

/**
 * For a date-only line: the business days a transfer may have to meet it ("2026-03-01 .. 2026-03-03" with a
 * two-day lag, the bank booking up to that many days later), because minutes from 00:00 would mislead.
 */
function datedRange(record: ReconRecord, context: ExplainContext): string | undefined {
  if (record.side !== 'external' || record.timePrecision !== 'date' || record.bookingDate === undefined) return undefined;
  const lag = (context.dating ?? sameUtcDay).maxDateLagDays;
  if (lag === 0) return record.bookingDate;
  const earliest = new Date(Date.parse(record.bookingDate) - lag * 86_400_000).toISOString().slice(0, 10);
  return `${earliest} .. ${record.bookingDate}`;
}

/** How far apart a pair is in time: minutes, or for a date-only line the days it was booked after the transfer. */
function timeGap(a: ReconRecord, b: ReconRecord, context: ExplainContext): string {
  const [external, internal] = a.side === 'external' ? [a, b] : [b, a];
  const dayLag = dayLagOf(external, internal, (context.dating ?? sameUtcDay).timeZone);
  if (dayLag === undefined) return `${formatMinutes(timeDiffMs(a, b) / msPerMinute)} min apart`;
  if (dayLag === 0) return 'booked the same day';
  const days = Math.abs(dayLag) === 1 ? 'day' : 'days';
  return `booked ${Math.abs(dayLag)} ${days} ${dayLag > 0 ? 'after' : 'before'} the transfer`;
}

function nearestClause(nearest: Nearest | undefined, code: UnmatchedCode, context: ExplainContext): string {
  if (nearest === undefined) return '';
  const { candidate, counterpart } = nearest;
  const threshold = formatScore(context.params.fuzzyThreshold);
  const gaps = `(amount diff ${formatAmount(candidate.amountDiff)}, ${timeGap(candidate.external, candidate.internal, context)})`;
  const described = `; closest: ${describeRecord(counterpart)} '${counterpart.reference}' score ${formatScore(candidate.score)}`;
  switch (code) {
    case 'below_threshold':
      return `${described} < threshold ${threshold} ${gaps}`;
    case 'counterpart_matched':
      return `${described} ${gaps} is already matched to ${describeRecord(partnerOf(counterpart, context))}`;
    default:
      return `${described} >= threshold ${threshold} ${gaps} but ${notSelectedBecause(context)}`;
  }
}

function notSelectedBecause(context: ExplainContext): string {
  if (!context.matcherTypes.includes('fuzzy'))
    return `fuzzy matching is not enabled (matchers: ${context.matcherTypes.join(', ') || 'none'})`;
  return 'it was outranked within the per-record candidate limit';
}

/**
 * A same-reference record outside the tolerances is the most useful hint a reviewer can get ("the ledger
 * has TXN-9, but for 105.00"), so the nearest one in time is named however far away it is.
 */
function sameReferenceClause(
  record: ReconRecord,
  nearest: Nearest | undefined,
  sameReference: TimeOrderedList | undefined,
  context: ExplainContext,
): string {
  if (sameReference === undefined || exactReference(record) === '') return '';
  for (const other of nearestInTime([sameReference], record.occurredAt.getTime(), Number.MAX_SAFE_INTEGER, 2)) {
    if (other === nearest?.counterpart) continue;
    const taken = context.matchOfCounterpart.has(other.key) ? `, already matched to ${describeRecord(partnerOf(other, context))}` : '';
    return `; same reference on ${describeRecord(other)}: amount ${formatAmount(other.amount)} ${other.currency}, ${timeGap(record, other, context)}${taken}`;
  }
  return '';
}

function partnerOf(counterpart: ReconRecord, context: ExplainContext): ReconRecord {
  const match = context.matchOfCounterpart.get(counterpart.key);
  if (match === undefined) throw new Error(`${describeRecord(counterpart)} is not matched`);
  return counterpart.side === 'external' ? match.internal : match.external;
}
