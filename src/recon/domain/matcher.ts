import type { Decimal } from '../../common/money/decimal.js';
import type { MatchParameters, ReconRecord } from './recon-record.js';

export type MatchType = 'exact' | 'fuzzy';

/** A possible pairing proposed by a matcher; assignment decides which candidates become matches. */
export interface Candidate {
  readonly external: ReconRecord;
  readonly internal: ReconRecord;
  readonly type: MatchType;
  /** 0..1, rounded to 6 decimals so comparisons against the threshold are exact. */
  readonly score: number;
  /** Absolute. */
  readonly amountDiff: Decimal;
  /** Absolute; fractional when the timestamps carry seconds. */
  readonly timeDiffMinutes: number;
}

/**
 * One matching strategy. Implementations must be pure and deterministic (the same sets in any order give
 * the same candidates), must not compare all pairs, and must keep at most `candidatesPerRecordMax`
 * candidates per external record.
 */
export interface Matcher {
  readonly type: MatchType;
  findCandidates(external: readonly ReconRecord[], internal: readonly ReconRecord[], params: MatchParameters): Candidate[];
}
