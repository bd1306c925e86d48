import { ValidationFailed } from '../../../common/errors/domain-error.js';
import { Decimal } from '../../../common/money/decimal.js';
import { groupMembersDefault, groupPoolDefault, groupSubsetsMax } from '../limits.js';
import type { AmountTolerance } from '../rules/match-rule.js';
import { parseTolerance } from '../rules/parse-match-rules.js';
import { subsetsToVisit } from './subset-search.js';

/**
 * A source's match-group search (`groups` in the sources file). Off unless the source turns it on: a group
 * is a stronger guess than a pair (any few payments may add up to a line), so a source opts in when its
 * statements really carry batch payouts or split settlements, and existing sources keep their results.
 */
export interface GroupSettings {
  readonly enabled: boolean;
  /** The name matched rows carry as their `rule`. */
  readonly name: string;
  /** Most members in one group (2..). */
  readonly maxItems: number;
  /** Most candidates searched per target; more are cut, nearest in time kept, and the search says so. */
  readonly poolMax: number;
  /** How far the members' sum may be from the target; exact (0) unless given. */
  readonly tolerance: AmountTolerance;
}

export const groupsOff: GroupSettings = { enabled: false, name: 'group', maxItems: groupMembersDefault, poolMax: groupPoolDefault, tolerance: { absolute: new Decimal(0) } };

const keys = ['enabled', 'name', 'max_items', 'pool_max', 'tolerance'];
const namePattern = /^[a-z][a-z0-9_]{0,63}$/;

/**
 * `{ "enabled": true, "name": "group", "max_items": 5, "pool_max": 30, "tolerance": { "absolute": "0.01" } }`;
 * every key but `enabled` may be left out. A combination whose worst-case search is more than groupSubsetsMax
 * subsets (e.g. 8 of 30) is refused here, when the file is read, not when a job runs.
 */
export function parseGroupSettings(raw: unknown, path: string): GroupSettings {
  if (raw === undefined) return groupsOff;
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw ValidationFailed.field(path, 'must be an object such as { "enabled": true }');
  const entry = raw as Record<string, unknown>;
  for (const key of Object.keys(entry)) if (!keys.includes(key)) throw ValidationFailed.field(`${path}.${key}`, `is not a group setting (${keys.join(', ')})`);
  if (typeof entry.enabled !== 'boolean') throw ValidationFailed.field(`${path}.enabled`, 'must be true or false');
  const name = entry.name ?? groupsOff.name;
  if (typeof name !== 'string' || !namePattern.test(name)) throw ValidationFailed.field(`${path}.name`, 'must be lowercase letters, digits and underscores');
  const maxItems = count(entry.max_items, groupsOff.maxItems, `${path}.max_items`);
  const poolMax = count(entry.pool_max, groupsOff.poolMax, `${path}.pool_max`);
  if (subsetsToVisit(poolMax, maxItems) > groupSubsetsMax) {
    throw ValidationFailed.field(`${path}.max_items`, `${maxItems} members out of ${poolMax} candidates is more than ${groupSubsetsMax} subsets to search; lower max_items or pool_max`);
  }
  const tolerance = entry.tolerance === undefined ? groupsOff.tolerance : parseTolerance(entry.tolerance, `${path}.tolerance`);
  return { enabled: entry.enabled, name, maxItems, poolMax, tolerance };
}

/** Bounded by groupSubsetsMax above; 2 is the least a group can have. */
function count(raw: unknown, fallback: number, path: string): number {
  if (raw === undefined) return fallback;
  if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < 2 || raw > 1_000) throw ValidationFailed.field(path, 'must be an integer of at least 2');
  return raw;
}
