import type { Decimal } from '../../common/money/decimal.js';
import type { Candidate } from './matcher.js';
import { amountDiff, msPerMinute, timeDiffMs } from './record-distance.js';
import type { MatchParameters, ReconRecord } from './recon-record.js';
import { normalisedSimilarity, normaliseReference } from './reference-similarity.js';

/**
 * Reference dominates because it is the only field that identifies a movement; amount and time mostly
 * confirm it. With these weights a reference that is one character off in eight (0.875) still needs a
 * close amount and time to pass the default 0.80 threshold, and a perfect amount and time alone (0.40)
 * never passes.
 */
export const fuzzyWeights: FuzzyWeights = Object.freeze({ reference: 0.6, amount: 0.25, time: 0.15 });

/** How much each closeness counts; configurable per fuzzy rule (non-negative, normalised by their sum). */
export interface FuzzyWeights {
  readonly reference: number;
  readonly amount: number;
  readonly time: number;
}

/** Six decimals: enough to rank, few enough that float noise never flips a threshold comparison. */
const scoreScale = 1e6;

export interface FuzzyScore {
  readonly score: number;
  readonly referenceSimilarity: number;
  /** 1 - amountDiff / allowedAmountDiff; 1 when the tolerance is zero (the amounts are then equal). */
  readonly amountCloseness: number;
  /** 1 - minutes / maxTimeDiffMinutes; 1 when the tolerance is zero. */
  readonly timeCloseness: number;
  readonly amountDiff: Decimal;
  readonly timeDiffMinutes: number;
}

export type PairScorer = (external: ReconRecord, internal: ReconRecord, params: MatchParameters) => FuzzyScore | undefined;

/**
 * score = 0.6 * referenceSimilarity + 0.25 * amountCloseness + 0.15 * timeCloseness, rounded to 6
 * decimals. Undefined (disqualified) for different currencies, an amount difference above the allowed one
 * or a time difference above the maximum; differences exactly at the limit qualify with closeness 0.
 */
export const scorePair: PairScorer = (external, internal, params) => {
  const ms = timeDiffMs(external, internal);
  const windowMs = params.maxTimeDiffMinutes * msPerMinute;
  if (ms > windowMs) return undefined;
  return scoreWithTime(external, internal, params, windowMs === 0 ? 1 : 1 - ms / windowMs, ms / msPerMinute);
};

/**
 * The same score for a date-only record, whose time part is its day lag after the transfer's business day
 * (1 on the same day, 0 at the largest lag allowed) rather than minutes; the lag is reported as whole days
 * of minutes. The caller has checked the lag is within 0..maxDateLagDays.
 */
export function scoreDatedPair(external: ReconRecord, internal: ReconRecord, params: MatchParameters, dayLag: number, maxDateLagDays: number): FuzzyScore | undefined {
  return scoreWithTime(external, internal, params, maxDateLagDays === 0 ? 1 : 1 - dayLag / maxDateLagDays, dayLag * minutesPerDay);
}

const minutesPerDay = 1440;

function scoreWithTime(external: ReconRecord, internal: ReconRecord, params: MatchParameters, timeCloseness: number, timeDiffMinutes: number): FuzzyScore | undefined {
  if (external.currency !== internal.currency) return undefined;
  const diff = amountDiff(external, internal);
  if (diff.gt(params.allowedAmountDiff)) return undefined;
  const referenceSimilarity = normalisedSimilarity(normalisedReferenceOf(external), normalisedReferenceOf(internal));
  const amountCloseness = params.allowedAmountDiff.isZero() ? 1 : 1 - diff.div(params.allowedAmountDiff).toNumber();
  const score = weightedScore(fuzzyWeights, referenceSimilarity, amountCloseness, timeCloseness);
  return { score, referenceSimilarity, amountCloseness, timeCloseness, amountDiff: diff, timeDiffMinutes };
}

/**
 * The weighted mean of the three closenesses, rounded to 6 decimals. Dividing by the weights' sum keeps the
 * score in 0..1 whatever weights a rule states (the default weights sum to exactly 1.0 in floating point,
 * and x / 1 is x, so today's scores are unchanged).
 */
export function weightedScore(weights: FuzzyWeights, referenceSimilarity: number, amountCloseness: number, timeCloseness: number): number {
  const total = weights.reference + weights.amount + weights.time;
  const weighted = weights.reference * referenceSimilarity + weights.amount * amountCloseness + weights.time * timeCloseness;
  return Math.round((weighted / total) * scoreScale) / scoreScale;
}

/** Scores `probe` against `partner` whichever side each is on, as a fuzzy candidate. */
export function fuzzyCandidate(
  probe: ReconRecord,
  partner: ReconRecord,
  params: MatchParameters,
  scorer: PairScorer = scorePair,
): Candidate | undefined {
  const [external, internal] = probe.side === 'external' ? [probe, partner] : [partner, probe];
  const scored = scorer(external, internal, params);
  if (scored === undefined) return undefined;
  const { score, amountDiff: diff, timeDiffMinutes } = scored;
  return { external, internal, type: 'fuzzy', score, amountDiff: diff, timeDiffMinutes };
}

/** Records are immutable, so a record's normalised reference can be computed once per job, not per pair. */
const normalisedReferences = new WeakMap<{ readonly reference: string }, string>();

/** normaliseReference, cached per (immutable) record of either side. */
export function normalisedReferenceOf(record: { readonly reference: string }): string {
  let normalised = normalisedReferences.get(record);
  if (normalised === undefined) {
    normalised = normaliseReference(record.reference);
    normalisedReferences.set(record, normalised);
  }
  return normalised;
}
