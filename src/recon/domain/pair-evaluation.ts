import { keepBest } from './candidate-ranking.js';
import { fuzzyCandidate } from './fuzzy-scorer.js';
import { candidatesPerRecordMax } from './limits.js';
import type { Candidate } from './matcher.js';
import type { MatchParameters, ReconRecord } from './recon-record.js';

/**
 * The one place where a pair found by blocking (same currency, amount bucket, time window) becomes a
 * candidate, or does not. Today the fuzzy scorer decides; configurable rules plug in here, by replacing
 * this function, without touching the SQL that finds the pairs or the assignment that picks among them.
 * Returns the `candidatesPerRecordMax` best candidates of `external`, in preference order.
 */
export function evaluatePairs(external: ReconRecord, partners: readonly ReconRecord[], params: MatchParameters): Candidate[] {
  const passing: Candidate[] = [];
  for (const partner of partners) {
    const candidate = fuzzyCandidate(external, partner, params);
    if (candidate !== undefined && candidate.score >= params.fuzzyThreshold) passing.push(candidate);
  }
  return keepBest(passing, candidatesPerRecordMax);
}
