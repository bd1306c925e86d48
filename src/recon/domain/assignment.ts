import { compareCandidates } from './candidate-ranking.js';
import type { Candidate } from './matcher.js';

/**
 * Deterministic greedy best-first one-to-one assignment: walk the candidates in preference order (see
 * `compareCandidates`) and accept each one whose records are both still free. Greedy rather than optimal
 * (Hungarian) on purpose: a reviewer can explain every decision as "it was the best remaining pair".
 */
export function assignOneToOne(candidates: readonly Candidate[]): Candidate[] {
  const takenExternal = new Set<string>();
  const takenInternal = new Set<string>();
  const accepted: Candidate[] = [];
  for (const candidate of [...candidates].sort(compareCandidates)) {
    if (takenExternal.has(candidate.external.key) || takenInternal.has(candidate.internal.key)) continue;
    takenExternal.add(candidate.external.key);
    takenInternal.add(candidate.internal.key);
    accepted.push(candidate);
  }
  return accepted;
}
