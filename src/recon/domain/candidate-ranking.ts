import type { Candidate } from './matcher.js';
import { compareText } from './ordering.js';

/**
 * The one order of preference between candidates, used both to cap candidates per record and to assign:
 * higher score, then closer in time, then closer in amount, then external key, then internal key. The key
 * tie-breakers make the outcome independent of input order.
 */
export function compareCandidates(a: Candidate, b: Candidate): number {
  return (
    b.score - a.score ||
    a.timeDiffMinutes - b.timeDiffMinutes ||
    a.amountDiff.comparedTo(b.amountDiff) ||
    compareText(a.external.key, b.external.key) ||
    compareText(a.internal.key, b.internal.key)
  );
}

/** The `limit` best candidates in preference order. */
export function keepBest(candidates: Candidate[], limit: number): Candidate[] {
  return candidates.sort(compareCandidates).slice(0, limit);
}
