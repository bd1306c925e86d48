import { keepBest } from './candidate-ranking.js';
import { fuzzyCandidate, scoreDatedPair } from './fuzzy-scorer.js';
import { candidatesPerRecordMax } from './limits.js';
import type { Candidate } from './matcher.js';
import { dayLagOf, directionsAgree, isWithinLag, type PairDating } from './pair-dating.js';
import type { MatchParameters, ReconRecord } from './recon-record.js';

/**
 * The one place where a pair found by blocking (same currency, amount bucket, time window or calendar day)
 * becomes a candidate, or does not. Today the fuzzy scorer decides; configurable rules plug in here, by
 * replacing this function, without touching the SQL that finds the pairs or the assignment that picks among
 * them. A pair whose directions disagree is never a candidate; a date-only external record is judged by its
 * day lag, never by minutes. Returns the `candidatesPerRecordMax` best candidates of `external`, in
 * preference order.
 */
export function evaluatePairs(external: ReconRecord, partners: readonly ReconRecord[], params: MatchParameters, dating: PairDating): Candidate[] {
  const passing: Candidate[] = [];
  for (const partner of partners) {
    const candidate = directionsAgree(external, partner) ? judge(external, partner, params, dating) : undefined;
    if (candidate !== undefined && candidate.score >= params.fuzzyThreshold) passing.push(candidate);
  }
  return keepBest(passing, candidatesPerRecordMax);
}

function judge(external: ReconRecord, internal: ReconRecord, params: MatchParameters, dating: PairDating): Candidate | undefined {
  const dayLag = dayLagOf(external, internal, dating.timeZone);
  if (dayLag === undefined) return fuzzyCandidate(external, internal, params);
  if (!isWithinLag(dayLag, dating)) return undefined;
  const scored = scoreDatedPair(external, internal, params, dayLag, dating.maxDateLagDays);
  return scored && { external, internal, type: 'fuzzy', score: scored.score, amountDiff: scored.amountDiff, timeDiffMinutes: scored.timeDiffMinutes };
}
