import { compareText } from './ordering.js';
import type { ReconRecord } from './recon-record.js';

/**
 * Records sorted by time (then key, so the order never depends on input order), searchable by a time
 * window in O(log n). The building block of every blocking index in the matchers.
 */
export class TimeOrderedList {
  private readonly records: ReconRecord[];
  private readonly times: number[];

  constructor(records: readonly ReconRecord[]) {
    this.records = [...records].sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime() || compareText(a.key, b.key));
    this.times = this.records.map((record) => record.occurredAt.getTime());
  }

  get size(): number {
    return this.records.length;
  }

  at(index: number): ReconRecord {
    return this.records[index];
  }

  timeAt(index: number): number {
    return this.times[index];
  }

  /** First index whose time is >= `time`. */
  lowerBound(time: number): number {
    let low = 0;
    let high = this.times.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.times[middle] < time) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}

interface Cursor {
  readonly list: TimeOrderedList;
  index: number;
  readonly step: 1 | -1;
  readonly end: number;
}

/**
 * Yields the records of `lists` within `windowMs` of `time` (inclusive), nearest first, at most `limit`.
 * Each list contributes a cursor walking backwards and one walking forwards from `time`; the nearest cursor
 * head wins each step (ties go to the earlier cursor, which is deterministic because the lists are).
 */
export function* nearestInTime(lists: readonly TimeOrderedList[], time: number, windowMs: number, limit: number): Generator<ReconRecord> {
  const cursors = lists.flatMap((list) => cursorsAround(list, time, windowMs));
  for (let yielded = 0; yielded < limit; yielded += 1) {
    let best: Cursor | undefined;
    let bestGap = Infinity;
    for (const cursor of cursors) {
      if (cursor.index === cursor.end) continue;
      const gap = Math.abs(cursor.list.timeAt(cursor.index) - time);
      if (gap < bestGap) [best, bestGap] = [cursor, gap];
    }
    if (best === undefined) return;
    yield best.list.at(best.index);
    best.index += best.step;
  }
}

function cursorsAround(list: TimeOrderedList, time: number, windowMs: number): Cursor[] {
  const from = list.lowerBound(time - windowMs);
  const pivot = list.lowerBound(time);
  const to = list.lowerBound(time + windowMs + 1);
  return [
    { list, index: pivot - 1, step: -1, end: from - 1 },
    { list, index: pivot, step: 1, end: to },
  ];
}

/**
 * Groups records by `keyOf` into time-ordered lists: the hash-then-time index every matcher probes.
 * Records whose key is undefined are left out (e.g. an empty reference cannot be looked up).
 */
export function indexByTime(
  records: readonly ReconRecord[],
  keyOf: (record: ReconRecord) => string | undefined,
): Map<string, TimeOrderedList> {
  const grouped = new Map<string, ReconRecord[]>();
  for (const record of records) {
    const key = keyOf(record);
    if (key === undefined) continue;
    const group = grouped.get(key);
    if (group === undefined) grouped.set(key, [record]);
    else group.push(record);
  }
  return new Map([...grouped].map(([key, group]) => [key, new TimeOrderedList(group)]));
}
