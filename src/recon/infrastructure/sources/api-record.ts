import type { Decimal } from '../../../common/money/decimal.js';
import { keyLengthMax, referenceLengthMax } from '../../domain/limits.js';
import type { SourceItem, TimeWindow } from '../../domain/recon-source.js';
import { externalItem } from './external-record.js';
import { parseCsvAmount, parseCsvCurrency, parseCsvDirection, parseCsvTimestamp, type Parsed } from './csv-values.js';

/** Dotted paths (e.g. `amount.value`) into each record of an API response. */
export interface ApiFieldPaths {
  /** Unique transaction id (a string or an integer); becomes the record key. Required in every record. */
  readonly id: string;
  /** Payment reference or description; null or absent reads as empty (it then only matches fuzzily). */
  readonly reference: string;
  /**
   * A decimal string such as "1234.56" (preferred) or a JSON number. A number is accepted only when it is
   * finite and `String(n)` has no exponent, and is read through that string: JSON numbers are doubles, so an
   * amount beyond ~15 significant digits may already have been rounded before this code sees it.
   */
  readonly amount: string;
  /** ISO 4217 code. */
  readonly currency: string;
  /** An ISO 8601 string (no offset = UTC) or epoch milliseconds as a JSON integer. */
  readonly timestamp: string;
  /**
   * Optional credit/debit field (C/CR/CREDIT/IN or D/DR/DEBIT/OUT); once mapped, every record must carry
   * it. Only with signConvention 'absolute': under 'negative_is_debit' the sign already says it.
   */
  readonly direction?: string;
}

export type ApiSignConvention = 'absolute' | 'negative_is_debit';

/** What converting one record needs, the same for every record of every page. */
export interface ApiRecordContext {
  readonly fields: ApiFieldPaths;
  readonly signConvention: ApiSignConvention;
  readonly window: TimeWindow;
}

/** Raw JSON kept on a rejected record, for the report; the index locates the rest. */
export const apiRejectedRawCharsMax = 500;

const fail = (reason: string): { ok: false; reason: string } => ({ ok: false, reason });

/**
 * Follows a dotted path through own properties only, so a path segment such as `constructor` cannot
 * reach the prototype. Anything missing along the way reads as undefined.
 */
export function readPath(value: unknown, path: string): unknown {
  let current = value;
  for (const segment of path.split('.')) {
    if (typeof current !== 'object' || current === null || !Object.hasOwn(current, segment)) return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

/** Names a JSON value's type for messages ("expected a string, found an object"). */
export function describeJson(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/**
 * Turns one record of a response into a record item, or into a rejection listing every bad field (so one
 * pass over the report is enough to fix the mapping or chase the provider). `index` is 1-based across pages.
 */
export function apiRecordToItem(value: unknown, index: number, context: ApiRecordContext): SourceItem {
  const reject = (reason: string): SourceItem => ({ kind: 'rejected', line: index, reason, raw: rawOf(value) });
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return reject(`record: expected an object, found ${describeJson(value)}`);
  const { fields } = context;
  const problems: string[] = [];
  const take = <T>(field: keyof ApiFieldPaths, parsed: Parsed<T>): T | undefined => {
    if (parsed.ok) return parsed.value;
    problems.push(`${field}: ${parsed.reason}`);
    return undefined;
  };
  const key = take('id', parseId(readPath(value, fields.id)));
  const reference = take('reference', parseReference(readPath(value, fields.reference)));
  const signed = take('amount', parseSignedAmount(readPath(value, fields.amount), context.signConvention));
  const currency = take('currency', requiredString(readPath(value, fields.currency), parseCsvCurrency));
  const occurredAt = take('timestamp', parseTimestampInWindow(readPath(value, fields.timestamp), context.window));
  const direction =
    fields.direction === undefined
      ? signed?.direction
      : take('direction', requiredString(readPath(value, fields.direction), parseCsvDirection));
  return externalItem({ key, reference, signed, currency, occurredAt, direction }, problems, index, reject);
}

function rawOf(value: unknown): string | undefined {
  // JSON.stringify returns undefined for undefined (an array hole); such a record has nothing to show.
  return JSON.stringify(value)?.slice(0, apiRejectedRawCharsMax);
}

function requiredString<T>(value: unknown, parse: (text: string) => Parsed<T>): Parsed<T> {
  if (value === undefined || value === null || value === '') return fail('missing value');
  return typeof value === 'string' ? parse(value) : fail(`expected a string, found ${describeJson(value)}`);
}

/** Providers often send numeric ids; only safe integers convert exactly, so other numbers are refused. */
function parseId(value: unknown): Parsed<string> {
  const text = typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value;
  if (text === undefined || text === null || text === '') return fail('missing value');
  if (typeof text !== 'string') return fail(`expected a string or an integer, found ${describeJson(value)}`);
  const key = text.trim();
  if (key === '') return fail('missing value');
  if (key.length > keyLengthMax) return fail(`longer than ${keyLengthMax} characters`);
  return { ok: true, value: key };
}

function parseReference(value: unknown): Parsed<string> {
  if (value === undefined || value === null) return { ok: true, value: '' };
  if (typeof value !== 'string') return fail(`expected a string, found ${describeJson(value)}`);
  const reference = value.trim();
  return reference.length > referenceLengthMax ? fail(`longer than ${referenceLengthMax} characters`) : { ok: true, value: reference };
}

/**
 * Reads the amount through its decimal text. A number whose String() uses an exponent (1e21, 1e-7) is
 * refused rather than expanded: such a value is either absurd or already rounded, and a human should look.
 */
function parseAmountText(value: unknown): Parsed<string> {
  if (value === undefined || value === null || value === '') return fail('missing value');
  if (typeof value === 'string') return { ok: true, value };
  if (typeof value !== 'number') return fail(`expected a decimal string or a number, found ${describeJson(value)}`);
  if (!Number.isFinite(value)) return fail(`${value} is not a finite number`);
  const text = String(value);
  return /e/i.test(text) ? fail(`${text} is a number in exponent notation (send amounts as decimal strings)`) : { ok: true, value: text };
}

/** Same rules as the CSV mapping: the stored amount is positive; the sign is either an error or the direction. */
function parseSignedAmount(value: unknown, signConvention: ApiSignConvention): Parsed<{ amount: Decimal; direction?: 'credit' | 'debit' }> {
  const text = parseAmountText(value);
  if (!text.ok) return text;
  const parsed = parseCsvAmount(text.value);
  if (!parsed.ok) return parsed;
  const { amount, negative } = parsed.value;
  if (signConvention === 'negative_is_debit') return { ok: true, value: { amount, direction: negative ? 'debit' : 'credit' } };
  return negative ? fail(`'${text.value}' is negative but signConvention is 'absolute'`) : { ok: true, value: { amount } };
}

function parseTimestamp(value: unknown): Parsed<Date> {
  if (value === undefined || value === null || value === '') return fail('missing value');
  if (typeof value === 'string') return parseCsvTimestamp(value, 'iso');
  if (typeof value === 'number') {
    return Number.isSafeInteger(value) ? parseCsvTimestamp(String(value), 'epoch_ms') : fail(`${value} is not epoch milliseconds`);
  }
  return fail(`expected an ISO 8601 string or epoch milliseconds, found ${describeJson(value)}`);
}

/** A record of another day is still well-formed: the engine reports it as out_of_period, not rejected. */
function parseTimestampInWindow(value: unknown, _window: TimeWindow): Parsed<Date> {
  return parseTimestamp(value);
}
