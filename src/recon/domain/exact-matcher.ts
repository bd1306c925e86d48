import { Decimal } from '../../common/money/decimal.js';
import { keepBest } from './candidate-ranking.js';
import { candidatesPerRecordMax, comparisonsPerRecordMax } from './limits.js';
import type { Candidate, Matcher } from './matcher.js';
import { msPerMinute, timeDiffMs } from './record-distance.js';
import type { MatchParameters, ReconRecord } from './recon-record.js';
import { indexByTime, nearestInTime } from './time-ordered-list.js';

/**
 * Same reference (after trim, case-sensitive: references are identifiers), same currency, equal amount,
 * at most `maxTimeDiffMinutes` apart. Internal records are hashed by (currency, amount, reference) and each
 * hash bucket is time-ordered, so the cost is O(n log n) however many records share a reference.
 */
export class ExactMatcher implements Matcher {
  readonly type = 'exact';

  findCandidates(external: readonly ReconRecord[], internal: readonly ReconRecord[], params: MatchParameters): Candidate[] {
    const index = indexByTime(internal, (record) => (exactReference(record) === '' ? undefined : identityOf(record)));
    const windowMs = params.maxTimeDiffMinutes * msPerMinute;
    return external.flatMap((record) => {
      const bucket = index.get(identityOf(record));
      if (bucket === undefined) return [];
      const partners = nearestInTime([bucket], record.occurredAt.getTime(), windowMs, comparisonsPerRecordMax);
      return keepBest(
        [...partners].map((partner) => exactCandidate(record, partner)),
        candidatesPerRecordMax,
      );
    });
  }
}

/** Reports describe unmatched records with this, so "same reference" means the same thing everywhere. */
export function exactReference(record: ReconRecord): string {
  return record.reference.trim();
}

function exactCandidate(external: ReconRecord, internal: ReconRecord): Candidate {
  const minutes = timeDiffMs(external, internal) / msPerMinute;
  return { external, internal, type: 'exact', score: 1, amountDiff: new Decimal(0), timeDiffMinutes: minutes };
}

/** NUL cannot occur in a currency code or a canonical decimal, so the key is unambiguous. */
function identityOf(record: ReconRecord): string {
  return `${record.currency}\u0000${record.amount.toString()}\u0000${exactReference(record)}`;
}
