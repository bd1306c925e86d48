import { keepBest } from './candidate-ranking.js';
import { fuzzyCandidate, scoreDatedPair } from './fuzzy-scorer.js';
import { candidatesPerRecordMax } from './limits.js';
import type { Candidate } from './matcher.js';
import { dayLagOf, directionsAgree, isWithinLag, type PairDating } from './pair-dating.js';
import type { MatchParameters, ReconRecord } from './recon-record.js';

/**
 * The fuzzy scorer's judgement of pairs found by blocking (same currency, amount bucket, time window or
 * calendar day). The engine no longer calls it: a source's rules judge blocked pairs (ruleCandidates in
 * rules/rule-candidates.ts); this remains the scorer-only reference the matcher specs compare with. A pair whose directions disagree is never a candidate; a date-only external record is judged by its
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
