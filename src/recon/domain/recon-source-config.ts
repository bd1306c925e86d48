import { ValidationFailed } from '../../common/errors/domain-error.js';
import { parseGroupSettings, type GroupSettings } from './groups/group-settings.js';
import type { MatchRule } from './rules/match-rule.js';
import { parseMatchRules } from './rules/parse-match-rules.js';

/**
 * One named source from RECON_SOURCES_FILE. `type` picks the adapter (csv, api, or a custom one registered
 * under RECON_SOURCE_FACTORIES); `options` is that adapter's own configuration.
 */
export interface ReconSourceConfig {
  readonly name: string;
  readonly type: string;
  readonly description?: string;
  readonly options: Readonly<Record<string, unknown>>;
  /** Scopes the internal side to transfers touching this ledger account. */
  readonly accountId: string | null;
  /** Reconciled by the daily schedule when RECON_SCHEDULE_ENABLED. */
  readonly schedule: boolean;
  /** The source's ordered match rules (`rules` in the file); absent: defaultMatchRules of the job's parameters. */
  readonly rules?: readonly MatchRule[];
  /** The match-group search (`groups` in the file); off when absent. */
  readonly groups?: GroupSettings;
}

const namePattern = /^[a-z][a-z0-9_]{0,63}$/;
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type SourceEntry = { readonly config: ReconSourceConfig } | { readonly name: string; readonly problem: string; readonly error: Error };

/**
 * Each entry on its own: one bad source is reported with its name and problem while the others still
 * load. Only a file that is not an object of sources at all throws.
 */
export function parseSourceEntries(json: unknown): SourceEntry[] {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) throw ValidationFailed.field('RECON_SOURCES_FILE', 'must hold a JSON object of named sources');
  return Object.entries(json as Record<string, unknown>).map(([name, raw]) => {
    try {
      return { config: parseOne(name, raw) };
    } catch (error) {
      return { name, problem: (error as Error).message, error: error as Error };
    }
  });
}

function parseOne(name: string, raw: unknown): ReconSourceConfig {
  const field = (key: string, message: string) => ValidationFailed.field(`sources.${name}.${key}`, message);
  if (!namePattern.test(name)) throw field('name', 'must be lowercase letters, digits and underscores');
  const entry = (raw ?? {}) as Record<string, unknown>;
  if (typeof entry.type !== 'string') throw field('type', 'is required (csv, api, or a registered custom type)');
  if (entry.options !== undefined && (typeof entry.options !== 'object' || entry.options === null)) throw field('options', 'must be an object');
  const accountId = entry.account_id ?? null;
  if (accountId !== null && (typeof accountId !== 'string' || !uuidPattern.test(accountId))) throw field('account_id', 'must be a ledger account UUID or null');
  return {
    name,
    type: entry.type,
    description: typeof entry.description === 'string' ? entry.description : undefined,
    options: (entry.options ?? {}) as Record<string, unknown>,
    accountId,
    schedule: entry.schedule === true,
    ...(entry.rules === undefined ? {} : { rules: parseMatchRules(entry.rules, `sources.${name}.rules`) }),
    ...(entry.groups === undefined ? {} : { groups: parseGroupSettings(entry.groups, `sources.${name}.groups`) }),
  };
}
