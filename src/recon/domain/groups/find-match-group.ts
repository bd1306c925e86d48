import { ValidationFailed } from '../../../common/errors/domain-error.js';
import { Decimal } from '../../../common/money/decimal.js';
import { ambiguousGroupsListedMax, groupMembersDefault, groupPoolDefault, groupSubsetsMax } from '../limits.js';
import { compareText } from '../ordering.js';
import type { ReasonCode } from '../reason-codes.js';
import { toleratedDiff } from '../rules/amount-tolerance.js';
import type { AmountTolerance } from '../rules/match-rule.js';
import type { GroupItem } from './group-item.js';
import { closestSubsets, subsetsToVisit } from './subset-search.js';

export interface GroupSearchOptions {
  /** How far the members' sum may be from the target's amount; percent is of the target. Default: exact. */
  readonly tolerance?: AmountTolerance;
  /** Most members in one group (at least 2). Default groupMembersDefault. */
  readonly maxItems?: number;
  /** Most candidates searched; more are cut, nearest in time to the target kept. Default groupPoolDefault. */
  readonly poolMax?: number;
}

export type MatchGroupResult<T extends GroupItem> =
  | { readonly kind: 'found'; readonly members: T[]; readonly sum: Decimal; readonly amountDiff: Decimal; readonly capped: boolean }
  | { readonly kind: 'ambiguous'; readonly groups: T[][]; readonly tiedGroups: number; readonly amountDiff: Decimal; readonly capped: boolean }
  | { readonly kind: 'none'; readonly capped: boolean };

/**
 * Finds the group of `pool` items whose amounts add up to `target`'s: one bank line paying several
 * ledger transfers (a payout batch), or one transfer settled by several lines. The best group is the one
 * whose sum is closest to the target, then the one with fewer members; two best groups of the same
 * distance and size are `ambiguous` (a reviewer must choose), never picked at random.
 * - Only items of the target's currency are used; another currency in the pool is never mixed in, and a
 *   pool with nothing in the target's currency finds nothing.
 * - When the target has a groupId, only items of that group; otherwise a group never mixes items of
 *   different groupIds (or grouped with ungrouped items): the batches are searched one at a time.
 * - Items that cannot be part of a positive sum within tolerance (not positive, or larger than the target
 *   plus the tolerance) are dropped first; if more than `poolMax` remain, those nearest in time to the
 *   target are kept (then by key) and the result says `capped`.
 * Deterministic: the pool is put in one canonical order (amount, then key) before the search, so the same
 * items in any order give the same result; members are listed by key, groups by their members' keys.
 */
export function findMatchGroup<T extends GroupItem>(target: GroupItem, pool: readonly T[], options: GroupSearchOptions = {}): MatchGroupResult<T> {
  const { maxItems, poolMax } = searchBounds(options);
  if (!target.amount.gt(0)) return { kind: 'none', capped: false };
  const bound = toleratedDiff(options.tolerance ?? {}, target.amount);
  const usable = pool.filter(
    (item) =>
      item.currency === target.currency &&
      item.amount.gt(0) &&
      item.amount.lte(target.amount.plus(bound)) &&
      (target.groupId === undefined || item.groupId === target.groupId),
  );
  const capped = usable.length > poolMax;
  const searched = capped ? nearestInTime(usable, target).slice(0, poolMax) : usable;

  const scale = Math.max(target.amount.decimalPlaces(), bound.decimalPlaces(), ...searched.map((item) => item.amount.decimalPlaces()));
  const scaled = (amount: Decimal) => BigInt(amount.times(new Decimal(10).pow(scale)).toFixed(0));
  let best: { distance: bigint; size: number; groups: T[][]; count: number } | undefined;
  for (const batch of batches(searched)) {
    const ordered = [...batch].sort((a, b) => a.amount.comparedTo(b.amount) || compareText(a.key, b.key));
    const found = closestSubsets(ordered.map((item) => scaled(item.amount)), scaled(target.amount), scaled(bound), maxItems, ambiguousGroupsListedMax);
    if (found.distance === undefined) continue;
    const groups = found.listed.map((indexes) => indexes.map((index) => ordered[index]).sort(byKey));
    if (best === undefined || found.distance < best.distance || (found.distance === best.distance && found.size < best.size)) {
      best = { distance: found.distance, size: found.size, groups, count: found.count };
    } else if (found.distance === best.distance && found.size === best.size) {
      best = { ...best, groups: [...best.groups, ...groups], count: best.count + found.count };
    }
  }
  if (best === undefined) return { kind: 'none', capped };
  const sum = (members: readonly T[]) => members.reduce((total, item) => total.plus(item.amount), new Decimal(0));
  const amountDiff = sum(best.groups[0]).minus(target.amount).abs();
  if (best.count === 1) return { kind: 'found', members: best.groups[0], sum: sum(best.groups[0]), amountDiff, capped };
  const groups = best.groups.sort(byMemberKeys).slice(0, ambiguousGroupsListedMax);
  return { kind: 'ambiguous', groups, tiedGroups: best.count, amountDiff, capped };
}

/**
 * The reason code a group search's outcome is logged with. A capped search that found nothing says so
 * (the group may have been among the cut items) rather than no_candidate.
 */
export function groupReasonCode(result: MatchGroupResult<GroupItem>): ReasonCode {
  if (result.kind === 'found') return 'matched_group';
  if (result.kind === 'ambiguous') return 'ambiguous_group';
  return result.capped ? 'group_search_capped' : 'no_candidate';
}

function searchBounds(options: GroupSearchOptions): { maxItems: number; poolMax: number } {
  const maxItems = options.maxItems ?? groupMembersDefault;
  const poolMax = options.poolMax ?? groupPoolDefault;
  if (!Number.isInteger(maxItems) || maxItems < 2) throw ValidationFailed.field('maxItems', 'must be an integer of at least 2');
  if (!Number.isInteger(poolMax) || poolMax < 2) throw ValidationFailed.field('poolMax', 'must be an integer of at least 2');
  if (subsetsToVisit(poolMax, maxItems) > groupSubsetsMax) {
    throw ValidationFailed.field('maxItems', `${maxItems} members out of ${poolMax} candidates is more than ${groupSubsetsMax} subsets to search; lower maxItems or poolMax`);
  }
  return { maxItems, poolMax };
}

function nearestInTime<T extends GroupItem>(items: readonly T[], target: GroupItem): T[] {
  const distance = (item: T) => Math.abs(item.occurredAt.getTime() - target.occurredAt.getTime());
  return [...items].sort((a, b) => distance(a) - distance(b) || compareText(a.key, b.key));
}

/** Items by groupId, ungrouped items together, in groupId order so ties are listed the same way each time. */
function batches<T extends GroupItem>(items: readonly T[]): T[][] {
  const byGroup = new Map<string, T[]>();
  for (const item of items) {
    const id = item.groupId === undefined ? '' : `#${item.groupId}`;
    const batch = byGroup.get(id);
    if (batch === undefined) byGroup.set(id, [item]);
    else batch.push(item);
  }
  return [...byGroup.entries()].sort(([a], [b]) => compareText(a, b)).map(([, batch]) => batch);
}

function byKey(a: GroupItem, b: GroupItem): number {
  return compareText(a.key, b.key);
}

function byMemberKeys(a: readonly GroupItem[], b: readonly GroupItem[]): number {
  for (let index = 0; index < Math.min(a.length, b.length); index += 1) {
    const order = byKey(a[index], b[index]);
    if (order !== 0) return order;
  }
  return a.length - b.length;
}
