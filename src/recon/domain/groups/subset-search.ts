/**
 * The subsets of `amounts` (positive integers, sorted ascending) with 2..maxItems members whose sum is
 * closest to `target`, at most `tolerance` away; fewer members break a tie in distance. Exact integer
 * arithmetic (amounts are decimal amounts scaled by a power of ten), so no float ever decides a match.
 *
 * Cost: a depth-first walk in index order that never visits more than sum over k <= maxItems of
 * C(n, k) subsets (174,437 for 5 of 30; callers bound this, see groupSubsetsMax), one BigInt addition
 * each, a few milliseconds. It is usually far fewer, because it prunes:
 * - sorted ascending, once adding amounts[i] overshoots target + bound, every later index does too;
 * - a branch whose sum plus its largest possible completion stays under target - bound is dropped;
 * - the bound shrinks to the best distance found so far, and once a group hits the target exactly no
 *   larger group is explored (it could only tie on distance and lose on size).
 */
export interface SubsetSearchResult {
  /** Distance |sum - target| of the best subsets; undefined when none is within tolerance. */
  readonly distance?: bigint;
  readonly size: number;
  /** The first `listedMax` best subsets in walk order (index arrays, ascending). */
  readonly listed: number[][];
  /** How many subsets share the best (distance, size). */
  readonly count: number;
}

export function closestSubsets(amounts: readonly bigint[], target: bigint, tolerance: bigint, maxItems: number, listedMax: number): SubsetSearchResult {
  const n = amounts.length;
  const prefix = [0n];
  for (const amount of amounts) prefix.push(prefix[prefix.length - 1] + amount);
  /** The largest sum `count` more members taken from index `from` on can add: the last `count` amounts. */
  const largestCompletion = (from: number, count: number) => prefix[n] - prefix[Math.max(from, n - count)];

  let bound = tolerance;
  let best: { distance?: bigint; size: number; listed: number[][]; count: number } = { size: Infinity, listed: [], count: 0 };
  const chosen: number[] = [];

  const consider = (sum: bigint) => {
    const distance = sum > target ? sum - target : target - sum;
    if (distance > bound) return;
    const size = chosen.length;
    if (best.distance === undefined || distance < best.distance || (distance === best.distance && size < best.size)) {
      best = { distance, size, listed: [[...chosen]], count: 1 };
      bound = distance;
    } else if (distance === best.distance && size === best.size) {
      best.count += 1;
      if (best.listed.length < listedMax) best.listed.push([...chosen]);
    }
  };

  const walk = (from: number, sum: bigint) => {
    for (let index = from; index < n; index += 1) {
      const next = sum + amounts[index];
      if (next > target + bound) return;
      chosen.push(index);
      if (chosen.length >= 2) consider(next);
      const room = maxItems - chosen.length;
      const largerCanWin = !(best.distance === 0n && chosen.length >= best.size);
      if (room > 0 && largerCanWin && next + largestCompletion(index + 1, room) >= target - bound) walk(index + 1, next);
      chosen.pop();
    }
  };
  walk(0, 0n);
  return { distance: best.distance, size: best.size, listed: best.listed, count: best.count };
}

/** Subsets of 2..maxItems members of a pool of `poolSize`: what a search may have to visit at worst. */
export function subsetsToVisit(poolSize: number, maxItems: number): number {
  let total = 0;
  let choose = 1;
  for (let k = 1; k <= Math.min(maxItems, poolSize); k += 1) {
    choose = (choose * (poolSize - k + 1)) / k;
    total += choose;
  }
  return total;
}
