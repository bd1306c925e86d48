import { ValidationFailed } from '../../../common/errors/domain-error.js';
import { Decimal } from '../../../common/money/decimal.js';
import { fuzzyWeights, type FuzzyWeights } from '../fuzzy-scorer.js';
import { dateLagDaysMax, matchRulesPerSourceMax, timeDiffMinutesMax, toleranceAbsoluteMax, tolerancePercentMax } from '../limits.js';
import { DEFAULT_MATCH_PARAMETERS } from '../recon-record.js';
import {
  externalFields,
  internalColumns,
  type AmountTolerance,
  type ExactRule,
  type ExternalField,
  type FieldPair,
  type FuzzyRule,
  type InternalField,
  type MatchRule,
  type RuleTiming,
  type ToleranceRule,
} from './match-rule.js';
import { isMetadataField } from './record-fields.js';

type Json = Record<string, unknown>;

const namePattern = /^[a-z][a-z0-9_]{0,63}$/;
const metadataKeyPattern = /^[A-Za-z0-9_.-]{1,64}$/;
/** Plain decimal text: money is never a JSON float ("0.05", not 0.05). */
const decimalPattern = /^\d{1,18}(\.\d{1,12})?$/;
const fieldPairsMax = 8;

const timingKeys = ['time_window_minutes', 'max_date_lag_days'];
const knownKeys = {
  exact: ['name', 'kind', 'fields', ...timingKeys],
  tolerance: ['name', 'kind', 'amount', ...timingKeys],
  fuzzy: ['name', 'kind', 'amount', 'threshold', 'weights', ...timingKeys],
} as const;

/**
 * Parses a source's ordered rule list (its `rules` JSON array), e.g.
 *   [{ "name": "end_to_end", "kind": "exact", "fields": [{ "external": "end_to_end_id", "internal": "metadata.end_to_end_id" }] },
 *    { "name": "same_reference", "kind": "tolerance", "amount": { "absolute": "0.50", "percent": "1" }, "max_date_lag_days": 2 },
 *    { "name": "fuzzy", "kind": "fuzzy", "amount": { "absolute": "0.05" }, "time_window_minutes": 60, "threshold": 0.8 }]
 * Every bound is checked here (see limits.ts), so evaluating a rule never meets an unbounded input; every
 * error names the exact JSON path under `path`, e.g. `sources.bank.rules[1].amount.percent`.
 */
export function parseMatchRules(json: unknown, path: string): MatchRule[] {
  if (!Array.isArray(json)) throw ValidationFailed.field(path, 'must be an array of rules');
  if (json.length === 0 || json.length > matchRulesPerSourceMax) {
    throw ValidationFailed.field(path, `must hold 1 to ${matchRulesPerSourceMax} rules`);
  }
  const rules = json.map((raw, index) => parseRule(raw, `${path}[${index}]`));
  rules.forEach((rule, index) => {
    if (rules.findIndex((other) => other.name === rule.name) !== index) {
      throw ValidationFailed.field(`${path}[${index}].name`, `'${rule.name}' is already the name of an earlier rule`);
    }
  });
  return rules;
}

function parseRule(raw: unknown, path: string): MatchRule {
  const entry = object(raw, path);
  const kind = entry.kind;
  if (kind !== 'exact' && kind !== 'tolerance' && kind !== 'fuzzy') throw ValidationFailed.field(`${path}.kind`, "must be 'exact', 'tolerance' or 'fuzzy'");
  for (const key of Object.keys(entry)) {
    if (!(knownKeys[kind] as readonly string[]).includes(key)) {
      throw ValidationFailed.field(`${path}.${key}`, `is not a setting of a ${kind} rule (settings: ${knownKeys[kind].join(', ')})`);
    }
  }
  const name = entry.name;
  if (typeof name !== 'string' || !namePattern.test(name)) throw ValidationFailed.field(`${path}.name`, 'must be lowercase letters, digits and underscores, starting with a letter');
  const timing = parseTiming(entry, path, kind !== 'exact');
  switch (kind) {
    case 'exact':
      return { name, kind, fields: parseFields(entry.fields, `${path}.fields`), ...timing } satisfies ExactRule;
    case 'tolerance':
      return { name, kind, amount: parseTolerance(entry.amount, `${path}.amount`), ...timing } satisfies ToleranceRule;
    case 'fuzzy':
      return {
        name,
        kind,
        amount: parseTolerance(entry.amount, `${path}.amount`),
        threshold: entry.threshold === undefined ? DEFAULT_MATCH_PARAMETERS.fuzzyThreshold : parseThreshold(entry.threshold, `${path}.threshold`),
        weights: entry.weights === undefined ? fuzzyWeights : parseWeights(entry.weights, `${path}.weights`),
        ...timing,
      } satisfies FuzzyRule;
  }
}

/** Tolerance and fuzzy rules must bound time, or a loose amount would match payments weeks apart. */
function parseTiming(entry: Json, path: string, required: boolean): RuleTiming {
  const timing: { timeWindowMinutes?: number; maxDateLagDays?: number } = {};
  if (entry.time_window_minutes !== undefined) {
    timing.timeWindowMinutes = integer(entry.time_window_minutes, `${path}.time_window_minutes`, timeDiffMinutesMax);
  }
  if (entry.max_date_lag_days !== undefined) {
    timing.maxDateLagDays = integer(entry.max_date_lag_days, `${path}.max_date_lag_days`, dateLagDaysMax);
  }
  if (required && timing.timeWindowMinutes === undefined && timing.maxDateLagDays === undefined) {
    throw ValidationFailed.field(path, 'needs time_window_minutes or max_date_lag_days (or both)');
  }
  return timing;
}

function parseFields(raw: unknown, path: string): FieldPair[] {
  if (!Array.isArray(raw) || raw.length === 0 || raw.length > fieldPairsMax) {
    throw ValidationFailed.field(path, `must list 1 to ${fieldPairsMax} fields, e.g. ["reference", "amount"] or [{ "external": "end_to_end_id", "internal": "metadata.end_to_end_id" }]`);
  }
  return raw.map((item, index) => parseFieldPair(item, `${path}[${index}]`));
}

/** "reference" is short for { "external": "reference", "internal": "reference" }. */
function parseFieldPair(raw: unknown, path: string): FieldPair {
  if (typeof raw === 'string') {
    if (!isExternalField(raw) || !(internalColumns as readonly string[]).includes(raw)) {
      throw ValidationFailed.field(path, `a field named alone must exist on both sides (${internalColumns.join(', ')}); otherwise give { "external": ..., "internal": ... }`);
    }
    return { external: raw, internal: raw as InternalField };
  }
  const pair = object(raw, path);
  const { external, internal } = pair;
  if (!isExternalField(external)) throw ValidationFailed.field(`${path}.external`, `must be one of ${externalFields.join(', ')}`);
  if (!isInternalField(internal)) throw ValidationFailed.field(`${path}.internal`, `must be one of ${internalColumns.join(', ')} or metadata.<key>`);
  for (const key of Object.keys(pair)) if (key !== 'external' && key !== 'internal') throw ValidationFailed.field(`${path}.${key}`, 'is not part of a field pair');
  if ((external === 'amount') !== (internal === 'amount')) {
    throw ValidationFailed.field(path, 'amount compares only with amount (as a decimal, not as text)');
  }
  return { external, internal };
}

/** An amount tolerance object ({ absolute?, percent? }, at least one), as rules and match groups take it. */
export function parseTolerance(raw: unknown, path: string): AmountTolerance {
  const entry = object(raw, path);
  for (const key of Object.keys(entry)) if (key !== 'absolute' && key !== 'percent') throw ValidationFailed.field(`${path}.${key}`, 'is not an amount setting (absolute, percent)');
  const tolerance: { absolute?: Decimal; percent?: Decimal } = {};
  if (entry.absolute !== undefined) tolerance.absolute = decimal(entry.absolute, `${path}.absolute`, toleranceAbsoluteMax, 'text only');
  if (entry.percent !== undefined) tolerance.percent = decimal(entry.percent, `${path}.percent`, tolerancePercentMax, 'text or number');
  if (tolerance.absolute === undefined && tolerance.percent === undefined) {
    throw ValidationFailed.field(path, 'needs absolute (e.g. "0.05") or percent (e.g. "1"), or both: a difference within either is accepted');
  }
  return tolerance;
}

function parseThreshold(raw: unknown, path: string): number {
  if (typeof raw !== 'number' || !Number.isFinite(raw) || raw < 0 || raw > 1) throw ValidationFailed.field(path, 'must be a number between 0 and 1');
  return raw;
}

function parseWeights(raw: unknown, path: string): FuzzyWeights {
  const entry = object(raw, path);
  const keys = ['reference', 'amount', 'time'] as const;
  for (const key of Object.keys(entry)) if (!(keys as readonly string[]).includes(key)) throw ValidationFailed.field(`${path}.${key}`, 'is not a weight (reference, amount, time)');
  const weight = (key: (typeof keys)[number]) => {
    const value = entry[key];
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw ValidationFailed.field(`${path}.${key}`, 'must be a non-negative number');
    return value;
  };
  const weights = { reference: weight('reference'), amount: weight('amount'), time: weight('time') };
  if (weights.reference + weights.amount + weights.time <= 0) throw ValidationFailed.field(path, 'must not all be zero');
  return weights;
}

function object(raw: unknown, path: string): Json {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw ValidationFailed.field(path, 'must be an object');
  return raw as Json;
}

function integer(raw: unknown, path: string, max: number): number {
  if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < 0 || raw > max) throw ValidationFailed.field(path, `must be an integer between 0 and ${max}`);
  return raw;
}

/** Decimal text; a percentage may also be a JSON number (it is a ratio, not money), read via its text. */
function decimal(raw: unknown, path: string, max: number, accepts: 'text only' | 'text or number'): Decimal {
  const text = accepts === 'text or number' && typeof raw === 'number' && Number.isFinite(raw) ? String(raw) : raw;
  if (typeof text !== 'string' || !decimalPattern.test(text)) throw ValidationFailed.field(path, 'must be a non-negative decimal string such as "0.05"');
  const value = new Decimal(text);
  if (value.gt(max)) throw ValidationFailed.field(path, `must be at most ${max}`);
  return value;
}

function isExternalField(value: unknown): value is ExternalField {
  return typeof value === 'string' && (externalFields as readonly string[]).includes(value);
}

function isInternalField(value: unknown): value is InternalField {
  if (typeof value !== 'string') return false;
  if ((internalColumns as readonly string[]).includes(value)) return true;
  return isMetadataField(value) && metadataKeyPattern.test(value.slice('metadata.'.length));
}
