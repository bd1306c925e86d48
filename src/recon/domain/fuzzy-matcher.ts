import { AmountTimeIndex } from './amount-time-index.js';
import { keepBest } from './candidate-ranking.js';
import { fuzzyCandidate, scorePair, type PairScorer } from './fuzzy-scorer.js';
import { candidatesPerRecordMax } from './limits.js';
import type { Candidate, Matcher } from './matcher.js';
import type { MatchParameters, ReconRecord } from './recon-record.js';

/**
 * Scores each external record only against the internal records in its blocking window (same currency,
 * neighbouring amount buckets, time window; see AmountTimeIndex) and keeps the best
 * `candidatesPerRecordMax` pairs scoring at least `fuzzyThreshold`.
 */
export class FuzzyMatcher implements Matcher {
  readonly type = 'fuzzy';

  /** The scorer is injectable so tests can count comparisons and prove blocking works. */
  constructor(private readonly scorer: PairScorer = scorePair) {}

  findCandidates(external: readonly ReconRecord[], internal: readonly ReconRecord[], params: MatchParameters): Candidate[] {
    const index = AmountTimeIndex.build(internal, params);
    return external.flatMap((record) => {
      const passing = [...scoredNeighbours(record, index, params, this.scorer)].filter(
        (candidate) => candidate.score >= params.fuzzyThreshold,
      );
      return keepBest(passing, candidatesPerRecordMax);
    });
  }
}

/**
 * Every qualifying pair between `probe` and the records of `index` (built from the other side) within the
 * blocking window, whatever its score. Shared by matching and by the explanation of unmatched records, so
 * "closest candidate" in a report means exactly what the matcher saw.
 */
export function* scoredNeighbours(
  probe: ReconRecord,
  index: AmountTimeIndex,
  params: MatchParameters,
  scorer: PairScorer = scorePair,
): Generator<Candidate> {
  for (const partner of index.near(probe)) {
    const candidate = fuzzyCandidate(probe, partner, params, scorer);
    if (candidate !== undefined) yield candidate;
  }
}
