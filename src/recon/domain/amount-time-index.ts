import type { Decimal } from '../../common/money/decimal.js';
import { comparisonsPerRecordMax } from './limits.js';
import { msPerMinute } from './record-distance.js';
import type { MatchParameters, ReconRecord } from './recon-record.js';
import { indexByTime, nearestInTime, type TimeOrderedList } from './time-ordered-list.js';

/**
 * The fuzzy blocking index: records grouped by currency, then bucketed by floor(amount / allowedAmountDiff),
 * each bucket sorted by time. Any record within the allowed amount difference of a probe sits in the probe's
 * bucket or one of its two neighbours, and the time window is a binary search inside those, so a probe
 * scores only plausible partners instead of the whole other side.
 */
export class AmountTimeIndex {
  private readonly buckets: ReadonlyMap<string, TimeOrderedList>;

  private constructor(
    records: readonly ReconRecord[],
    private readonly params: MatchParameters,
  ) {
    this.buckets = indexByTime(records, (record) => bucketKey(record.currency, this.bucketOf(record.amount)));
  }

  static build(records: readonly ReconRecord[], params: MatchParameters): AmountTimeIndex {
    return new AmountTimeIndex(records, params);
  }

  /**
   * Records that may lie within the amount and time tolerances of `probe`, nearest in time first and at
   * most `comparisonsPerRecordMax`. Callers still check the tolerances exactly: buckets are coarser.
   */
  near(probe: ReconRecord, limit = comparisonsPerRecordMax): Generator<ReconRecord> {
    const lists = this.neighbourBuckets(probe).flatMap((key) => this.buckets.get(key) ?? []);
    const windowMs = this.params.maxTimeDiffMinutes * msPerMinute;
    return nearestInTime(lists, probe.occurredAt.getTime(), windowMs, limit);
  }

  private neighbourBuckets(probe: ReconRecord): string[] {
    const bucket = this.bucketOf(probe.amount);
    if (this.params.allowedAmountDiff.isZero()) return [bucketKey(probe.currency, bucket)];
    return [bucket.minus(1), bucket, bucket.plus(1)].map((neighbour) => bucketKey(probe.currency, neighbour));
  }

  /** With no tolerance the amount itself is the bucket: only equal amounts can match. */
  private bucketOf(amount: Decimal): Decimal {
    const allowed = this.params.allowedAmountDiff;
    return allowed.isZero() ? amount : amount.div(allowed).floor();
  }
}

/** Decimal's canonical string makes "10.50" and "10.5" the same bucket. */
function bucketKey(currency: string, bucket: Decimal): string {
  return `${currency} ${bucket.toString()}`;
}
