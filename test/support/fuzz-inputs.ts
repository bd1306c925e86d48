import fc from 'fast-check';
import { LedgerModel, isValidAmountText, minorToText, minorUnitsOfModel, modelMinorUnits, textToMinor } from './model-ledger.js';

/**
 * Inputs for the HTTP fuzzer (test/e2e/fuzz.e2e-spec.ts) and the oracles that say, from the README alone,
 * what the API must answer to each generated body: which status and code, and for an accepted request
 * what it must have created, so the fuzzer can keep a model of every balance it may have moved.
 */

// ---------------------------------------------------------------------------------------------------------
// Nasty values

export const sqlFragments = [
  "'; DROP TABLE events; --",
  "' OR '1'='1",
  '1 OR 1=1',
  "'); TRUNCATE transfers; --",
  '"; SELECT pg_sleep(10); --',
  '$$; DELETE FROM account_balances; $$',
  "\\'; DROP TABLE accounts; --",
];

export const unicodeStrings = [
  'ü', '日本語の文字列', '🙂', '👩‍👩‍👧‍👦', 'e\u0301', '\u202eevil', 'Ω≈ç√∫', '\ufeffbom', 'ＵＳＤ', '١٢٣', '\u00a0', 'ǅ', '\u2028\u2029',
  'ﷺ', '𝕦𝕤𝕕', 'İ', 'ß', 'Ⅻ', '\u200b', 'a\u0300\u0301\u0302\u0303',
];

export const hugeAscii = 'x'.repeat(100_000);
/** About 100 KB of UTF-8 in 25,000 code points. */
export const hugeUnicode = '🙂'.repeat(25_000);

/** Scalars and shapes that are wrong for almost any field. */
export const nastyValues: unknown[] = [
  null, true, false, 0, -1, 1.5, 1e308, 2 ** 53 + 1, -(2 ** 63), '', ' ', 'null', 'undefined', 'NaN', 'Infinity', '-Infinity', '1e3', '01', '-0',
  '0x10', [], [1, 2], [[]], {}, { a: 1 }, { $gt: '' }, hugeAscii, hugeUnicode, ...sqlFragments, ...unicodeStrings,
];

export const badAmounts: unknown[] = [
  '0', '0.00', '-0', '-0.00', '-1', '-1.00', '+1', '1e2', '1E2', '1e-2', '1e+2', '01', '00.5', '001', '1.', '.5', ' 1', '1 ', '1\n', '\t1', 'NaN',
  'Infinity', '-Infinity', '1,00', '1_000', '0x10', '0b1', '１', '١', '²', '1234567890123456789', '9999999999999999999', '1.2.3', '1..2', '',
  '1.001', '0.0001', '1.00000000000000000001', '9'.repeat(100_000), `1.${'0'.repeat(100_000)}`, 100, 0.1, 1e21, -5, 0, NaN, null, true, [], ['1'],
  {}, { value: '1' }, ...sqlFragments, ...unicodeStrings.slice(0, 5),
];

export const badCurrencies: unknown[] = [
  'usd', 'Usd', 'US', 'USDD', 'U$D', ' USD', 'USD ', 'USD\n', 'XXX', 'XAU', 'XTS', 'ABC', 'ZZZ', 'ＵＳＤ', '', null, 840, true, ['USD'], { code: 'USD' },
  ...sqlFragments.slice(0, 2),
];

export const badIds: unknown[] = [
  'nope', '', ' ', 0, 1, null, true, [], {}, 'undefined', '00000000000000000000000000000000', '{00000000-0000-4000-8000-000000000000}',
  '00000000-0000-4000-8000-00000000000', '00000000-0000-4000-8000-0000000000000', 'g0000000-0000-4000-8000-000000000000',
  ' 00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000001\n', 'urn:uuid:00000000-0000-4000-8000-000000000001',
  '00000000_0000_4000_8000_000000000001', hugeAscii, ...sqlFragments, ...unicodeStrings.slice(0, 6),
];

/** UUID-shaped strings that some validators accept and others do not (nil, max, version 0, odd variant). */
export const borderlineUuids = [
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '12345678-1234-0234-8234-123456789012',
  '12345678-1234-4234-c234-123456789012',
  '12345678-1234-9234-8234-123456789012',
];

/**
 * Value times the fuzzer may post with. They stay in 2000-2019, away from the business dates other suites
 * reconcile (2025-07-13 and its neighbours), whose internal side every posted transfer would join.
 */
export const validPastOccurredAt = ['2019-07-13T09:14:30Z', '2019-07-13T09:14:30.123Z', '2019-07-13', '2019-07-13T09:14:30+14:00', '2000-01-01T00:00:00Z', '2016-02-29T23:59:59.999Z'];
export const invalidOccurredAt: unknown[] = [
  'yesterday', 'now', '', ' ', '2025-02-30T00:00:00Z', '2025-13-01T00:00:00Z', '2025-07-13T25:00:00Z', '0000-01-01T00:00:00Z', '+010000-01-01T00:00:00Z',
  '-000001-01-01T00:00:00Z', '13/07/2025', 'Sun, 13 Jul 2025 09:14:30 GMT', '2025-07-13T24:00:00Z', '2025-07-13T09:14:60Z', 1752398070000, true, [], {},
  ...sqlFragments.slice(0, 2),
];
/**
 * Near RFC 3339: ISO 8601 forms it does not allow (a space, reduced precision, basic format, week and ordinal dates,
 * a decimal comma, lower-case separators), years outside 1900-2099, offsets beyond 23:59, too long a fraction, and
 * the forms it allows at their edges. The oracle decides each one exactly (see occurredAtTri).
 */
export const ambiguousOccurredAt = [
  '2018-07-13 09:14:30', '2018-07-13T09:14', '2018-07', '2018', '2018-07-13T09:14:30.123456789Z', '2018-07-13T09:14:30.1234567891Z', '20180713T091430Z',
  '2018-W28-7', '2018-194', '2018-07-13T0914', '2018-07-13T09:14:30,5Z', '2018-07-13t09:14:30z', '1899-12-31T23:59:59Z', '1900-01-01T00:00:00Z', '1900-01-01',
  '2100-01-01', '2018-07-13T09:14:30+24:00', '2018-07-13T09:14:30-23:59', '2018-07-13T09:14:30+0200', '2016-02-29', '2018-02-29', '2018-04-31T00:00:00Z',
];

/** NUL characters and UTF-16 surrogates without their pair: refused wherever they appear in a JSON body. */
export const unstorableStrings = ['a\u0000b', '\u0000', '\ud800', 'x\udc00', '\udbff\udbff', '\udc00\ud800', '🙂\ud83d', 'INV\u00001', '\ud83d🙂'];

// ---------------------------------------------------------------------------------------------------------
// Small, independent validity checks (from the README and the OpenAPI descriptions)

type Tri = 'yes' | 'no' | 'maybe';

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

const strictUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const uuidShape = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function uuidTri(value: unknown): Tri {
  if (typeof value !== 'string') return 'no';
  if (strictUuid.test(value)) return 'yes';
  return uuidShape.test(value) ? 'maybe' : 'no';
}

function currencyTri(value: unknown): Tri {
  return typeof value === 'string' && modelMinorUnits[value] !== undefined ? 'yes' : 'no';
}

/** 1 to `max` characters; validator.js counts surrogate pairs and variation selectors its own way, so the middle is 'maybe'. */
function lengthTri(value: string, min: number, max: number): Tri {
  const units = value.length;
  const codePoints = [...value].length;
  const selectors = (value.match(/[\ufe0e\ufe0f]/g) ?? []).length;
  if (units >= min && units <= max && codePoints - selectors >= min) return 'yes';
  if (units < min || codePoints - selectors > max) return 'no';
  return 'maybe';
}

/** Levels of nesting, arrays included: {} is 1, {"a":{}} is 2, {"a":[1]} is 2. */
export function depthOf(value: unknown): number {
  if (value === null || typeof value !== 'object') return 0;
  const children = Object.values(value as Record<string, unknown>);
  return 1 + children.reduce<number>((deepest, child) => Math.max(deepest, depthOf(child)), 0);
}

const prototypeNames = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype']);

/** A key, at any depth, that names an Object.prototype member ("toString", "constructor", ...). */
export function hasPrototypeName(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return false;
  return Object.entries(value as Record<string, unknown>).some(([key, child]) => prototypeNames.has(key) || hasPrototypeName(child));
}

/**
 * README: metadata is a free JSON object of at most 8 KiB and 5 levels; absent and null mean none. Keys named
 * like Object.prototype members (at any depth of any field) are refused before validation: see expectTransfer.
 */
function metadataTri(value: unknown): Tri {
  if (value === undefined || value === null) return 'yes';
  if (!isPlainObject(value)) return 'no';
  if (depthOf(value) > 5 || Buffer.byteLength(JSON.stringify(value)) > 8_192) return 'no';
  return hasPrototypeName(value) ? 'no' : 'yes';
}

/** A key that Fastify's JSON parser refuses outright (prototype poisoning). */
export function hasPoisonKey(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return false;
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    if (key === '__proto__') return true;
    if (key === 'constructor' && child !== null && typeof child === 'object' && Object.prototype.hasOwnProperty.call(child, 'prototype')) return true;
    if (hasPoisonKey(child)) return true;
  }
  return false;
}

const idempotencyKeyPattern = /^[\x21-\x7e]{1,255}$/;

/** A NUL character or a UTF-16 surrogate without its pair: what PostgreSQL cannot store in text/jsonb. */
export function isUnstorable(text: string): boolean {
  for (let index = 0; index < text.length; index += 1) {
    const unit = text.charCodeAt(index);
    if (unit === 0) return true;
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(index + 1);
      if (next >= 0xdc00 && next <= 0xdfff) index += 1;
      else return true;
    } else if (unit >= 0xdc00 && unit <= 0xdfff) return true;
  }
  return false;
}

/** A string anywhere in a JSON value (a key or a value, at any depth) that is unstorable. */
export function hasUnstorableText(value: unknown): boolean {
  if (typeof value === 'string') return isUnstorable(value);
  if (value === null || typeof value !== 'object') return false;
  return Object.entries(value as Record<string, unknown>).some(([key, child]) => isUnstorable(key) || hasUnstorableText(child));
}

// ---------------------------------------------------------------------------------------------------------
// Expected outcomes

export type Outcome =
  | { status: 201; kind: 'transfer'; source: string; destination: string; currency: string; amountMinor: bigint }
  | { status: 201; kind: 'account'; currency: string; allowOverdraft: boolean; limitMinor: bigint | null }
  | { status: number; kind: 'error'; codes: string[]; field?: string };

const refused = (status: number, ...codes: string[]): Outcome => ({ status, kind: 'error', codes });
const malformedOrInvalid = refused(400, 'MALFORMED_JSON', 'VALIDATION_FAILED');

function combine(checks: Tri[], whenValid: () => Outcome): Outcome[] {
  if (checks.includes('no')) return [refused(400, 'VALIDATION_FAILED')];
  const valid = whenValid();
  return checks.includes('maybe') ? [refused(400, 'VALIDATION_FAILED'), valid] : [valid];
}

function headerTri(headers: Record<string, string> | undefined): Tri {
  const key = headers?.['Idempotency-Key'];
  return key === undefined || idempotencyKeyPattern.test(key) ? 'yes' : 'no';
}

const transferKeys = new Set(['source_account_id', 'destination_account_id', 'amount', 'currency', 'reference', 'occurred_at', 'metadata']);
const clockSkewMs = 5 * 60 * 1000;

/** RFC 3339 (fraction up to 9 digits, Z or an offset up to 23:59) or a bare date; years 1900-2099. */
const rfc3339 = /^(19|20)\d{2}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,9})?(Z|[+-]([01]\d|2[0-3]):[0-5]\d))?$/;

/**
 * The format and a real calendar date are DTO rules; "never more than 5 minutes in the future" comes after the
 * currency and amount checks but before SAME_ACCOUNT, and all of them answer 400 VALIDATION_FAILED.
 */
function occurredAtTri(value: unknown, now: number): Tri {
  if (value === undefined || value === null) return 'yes';
  if (typeof value !== 'string' || !rfc3339.test(value) || !isCalendarDate(value.slice(0, 10))) return 'no';
  const time = Date.parse(value);
  if (Number.isNaN(time)) return 'no';
  if (time > now + clockSkewMs) return 'no';
  return 'yes';
}

/** Account ids are UUIDs, compared case-insensitively: the API answers them in lower case. */
const canonicalId = (id: string) => id.toLowerCase();

/**
 * Refused before DTO validation, whatever else the body holds: prototype poisoning (the JSON parser), keys named
 * like Object.prototype members and unstorable strings (NUL, lone surrogates) anywhere in the body.
 */
function refusedBeforeValidation(body: unknown): Outcome[] | null {
  if (hasPoisonKey(body) || hasPrototypeName(body)) return [malformedOrInvalid];
  if (hasUnstorableText(body)) return [refused(400, 'VALIDATION_FAILED')];
  return null;
}

/** What POST /ledger/transfer/ must answer to `body`, given the model of every account the fuzzer knows. */
export function expectTransfer(body: unknown, headers: Record<string, string> | undefined, model: LedgerModel, now: number): Outcome[] {
  if (headerTri(headers) === 'no') return [refused(400, 'VALIDATION_FAILED')];
  const early = refusedBeforeValidation(body);
  if (early) return early;
  if (!isPlainObject(body)) return [refused(400, 'VALIDATION_FAILED')];
  const { source_account_id: source, destination_account_id: destination, amount, currency, reference, occurred_at: occurredAt, metadata } = body;
  const checks: Tri[] = [
    Object.keys(body).every((key) => transferKeys.has(key)) ? 'yes' : 'no',
    uuidTri(source),
    uuidTri(destination),
    currencyTri(currency),
    currencyTri(currency) === 'yes' && isValidAmountText(amount, minorUnitsOfModel(currency as string)) ? 'yes' : 'no',
    reference === undefined || reference === null ? 'yes' : typeof reference === 'string' ? lengthTri(reference, 1, 128) : 'no',
    occurredAtTri(occurredAt, now),
    metadataTri(metadata),
  ];
  return combine(checks, () => {
    const [sourceId, destinationId, code] = [canonicalId(source as string), canonicalId(destination as string), currency as string];
    const amountMinor = textToMinor(amount as string, minorUnitsOfModel(code));
    const decision = model.decide(sourceId, destinationId, code, amountMinor);
    if (decision.ok) return { status: 201, kind: 'transfer', source: sourceId, destination: destinationId, currency: code, amountMinor };
    const status = decision.code === 'ACCOUNT_NOT_FOUND' ? 404 : 422;
    return { status, kind: 'error', codes: [decision.code], ...(decision.field && { field: decision.field }) };
  });
}

const accountKeys = new Set(['currency', 'type', 'metadata', 'allow_overdraft', 'overdraft_limit']);

function isAccountType(value: unknown): boolean {
  if (typeof value !== 'string' || value.length < 1 || value.length > 32) return false;
  const lower = (char: string) => char >= 'a' && char <= 'z';
  return lower(value[0]!) && [...value].every((char) => lower(char) || (char >= '0' && char <= '9') || char === '_');
}

/** Overdraft limits may be zero ("0", "0.00"); otherwise they follow the amount rule of the currency. */
function overdraftLimitTri(value: unknown, currency: unknown): Tri {
  if (value === undefined) return 'yes';
  if (typeof value !== 'string' || currencyTri(currency) === 'no') return 'no';
  const decimals = minorUnitsOfModel(currency as string);
  if (/^0(\.0+)?$/.test(value)) return value.length - 2 <= decimals ? 'yes' : 'maybe';
  return isValidAmountText(value, decimals) ? 'yes' : 'no';
}

/** What POST /ledger/account/ must answer to `body`. */
export function expectAccount(body: unknown, headers: Record<string, string> | undefined): Outcome[] {
  if (headerTri(headers) === 'no') return [refused(400, 'VALIDATION_FAILED')];
  const early = refusedBeforeValidation(body);
  if (early) return early;
  if (!isPlainObject(body)) return [refused(400, 'VALIDATION_FAILED')];
  const { currency, type, metadata, allow_overdraft: allow, overdraft_limit: limit } = body;
  const checks: Tri[] = [
    Object.keys(body).every((key) => accountKeys.has(key)) ? 'yes' : 'no',
    currencyTri(currency),
    isAccountType(type) ? 'yes' : 'no',
    metadataTri(metadata),
    allow === undefined || allow === null || typeof allow === 'boolean' ? 'yes' : 'no',
    overdraftLimitTri(limit, currency),
  ];
  return combine(checks, () => {
    const code = currency as string;
    const limitMinor = limit === undefined ? null : textToMinor(limit as string, minorUnitsOfModel(code));
    // A limit without overdraft is a contradiction, refused once the body is otherwise valid.
    if (allow === false && limitMinor !== null) return { status: 400, kind: 'error', codes: ['VALIDATION_FAILED'], field: 'overdraft_limit' };
    return { status: 201, kind: 'account', currency: code, allowOverdraft: typeof allow === 'boolean' ? allow : limitMinor !== null, limitMinor };
  });
}

export function isCalendarDate(value: unknown): boolean {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

// ---------------------------------------------------------------------------------------------------------
// Generators of structured bodies

type Field<T> = { kind: 'absent' } | { kind: 'value'; value: T | unknown };
const absent = { kind: 'absent' as const };
const value = <T>(arbitrary: fc.Arbitrary<T>) => arbitrary.map((v) => ({ kind: 'value' as const, value: v as unknown }));
const valueFrom = (values: unknown[]) => value(fc.constantFrom(...values));

/**
 * An account id: one of the model's accounts (`scope`: the setup's eight, any, one that may overdraw, or one in
 * the source's currency other than the source), a UUID nobody opened, or a literal (mostly invalid) value.
 */
export type IdChoice =
  | { kind: 'pool'; scope: 'setup' | 'any' | 'funder' | 'sameCurrency'; pick: number; upper: boolean }
  | { kind: 'missing'; uuid: string }
  | { kind: 'upperMissing'; uuid: string }
  | Field<unknown>;
/** `units` at `decimals` places, capped at the currency's minor unit unless `exceed` (then one place more). */
export type AmountChoice = { kind: 'units'; units: bigint; decimals: number; exceed: boolean } | { kind: 'headroom'; plus: bigint } | Field<unknown>;
export type HeaderChoice = { kind: 'none' } | { kind: 'fresh'; suffix: string } | { kind: 'invalid'; value: string };

export interface TransferSpec {
  source: IdChoice;
  /** `same`: the source's id again, with its case flipped when `flip` (still the same account). */
  destination: IdChoice | { kind: 'same'; flip: boolean };
  amount: AmountChoice;
  currency: { kind: 'source' } | Field<unknown>;
  reference: Field<unknown>;
  metadata: Field<unknown>;
  occurredAt: { kind: 'future'; ms: number } | Field<unknown>;
  extra: [string, unknown] | null;
  header: HeaderChoice;
}

/** A model account's id, sometimes in upper case (the same account: ids are case-insensitive). */
const poolArb = (scope: 'setup' | 'any' | 'funder' | 'sameCurrency') =>
  fc.record({ kind: fc.constant('pool' as const), scope: fc.constant(scope), pick: fc.nat(10_000), upper: fc.oneof({ weight: 6, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }) });
const otherIdArb: fc.Arbitrary<IdChoice> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('missing' as const), uuid: fc.uuid({ version: 4 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('upperMissing' as const), uuid: fc.uuid({ version: 4 }) }) },
  { weight: 2, arbitrary: valueFrom([...badIds, ...borderlineUuids]) },
  { weight: 1, arbitrary: fc.constant(absent) },
);
const sourceIdArb: fc.Arbitrary<IdChoice> = fc.oneof(
  { weight: 8, arbitrary: poolArb('setup') },
  { weight: 3, arbitrary: poolArb('any') },
  { weight: 6, arbitrary: poolArb('funder') },
  { weight: 2, arbitrary: otherIdArb },
);
const destinationIdArb: fc.Arbitrary<IdChoice> = fc.oneof(
  { weight: 12, arbitrary: poolArb('sameCurrency') },
  { weight: 3, arbitrary: poolArb('setup') },
  { weight: 2, arbitrary: poolArb('any') },
  { weight: 2, arbitrary: otherIdArb },
);

/** Text that is mostly fine but may hold NUL characters and halves of surrogate pairs, paired or not. */
const riskyText = (maxLength: number) => fc.string({ unit: fc.oneof({ weight: 12, arbitrary: fc.constantFrom('a', 'Z', '1', ' ', 'ü', '🙂', '\u0301') }, { weight: 1, arbitrary: fc.constantFrom('\u0000', '\ud83d', '\ude42', '\udbff', '\udc00') }), maxLength });

const metadataArb: fc.Arbitrary<Field<unknown>> = fc.oneof(
  { weight: 12, arbitrary: fc.constant(absent) },
  { weight: 1, arbitrary: fc.constant({ kind: 'value' as const, value: null }) },
  { weight: 4, arbitrary: value(fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 6 })) },
  { weight: 1, arbitrary: value(fc.dictionary(fc.string({ unit: 'binary', maxLength: 8 }), fc.string({ unit: 'binary', maxLength: 40 }), { maxKeys: 4 })) },
  { weight: 1, arbitrary: value(fc.dictionary(riskyText(8), fc.oneof(riskyText(20), fc.array(riskyText(6), { maxLength: 3 }), fc.dictionary(riskyText(4), riskyText(6), { maxKeys: 2 })), { maxKeys: 3 })) },
  { weight: 1, arbitrary: valueFrom([{ note: 'a\u0000b' }, { 'k\u0000': 1 }, { a: { b: ['\ud800'] } }, { '\udc00': 'x' }, { list: [{ deep: 'x\udbff' }] }, { ok: '🙂', bad: '\ud83d' }]) },
  { weight: 1, arbitrary: valueFrom([{ toString: 'x' }, { nested: { constructor: 'x' } }, { valueOf: 1, list: [{ hasOwnProperty: true }] }]) },
  { weight: 1, arbitrary: valueFrom([{ description: 'Payment for services' }, { a: { b: { c: { d: { e: 1 } } } } }, { a: { b: { c: { d: { e: {} } } } } }, { blob: 'y'.repeat(8_200) }, { blob: 'y'.repeat(8_170) }, { list: Array.from({ length: 50 }, (_, i) => i) }]) },
  { weight: 1, arbitrary: valueFrom([[], [{}], 'metadata', 42, true, nestedObject(50), nestedArray(50), { deep: nestedObject(6) }, hugeAscii]) },
);

const referenceArb: fc.Arbitrary<Field<unknown>> = fc.oneof(
  { weight: 10, arbitrary: fc.constant(absent) },
  { weight: 1, arbitrary: fc.constant({ kind: 'value' as const, value: null }) },
  { weight: 4, arbitrary: value(fc.string({ unit: fc.constantFrom(...'ABCXYZ0123456789-_/ .:#'.split('')), minLength: 1, maxLength: 128 })) },
  { weight: 2, arbitrary: value(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 60 })) },
  { weight: 1, arbitrary: value(riskyText(130).filter((text) => text.length > 0)) },
  { weight: 2, arbitrary: valueFrom(['', 'R'.repeat(128), 'R'.repeat(129), hugeAscii, 42, true, [], {}, ...sqlFragments, ...unicodeStrings, ...unstorableStrings]) },
);

const occurredAtArb = (now: number): fc.Arbitrary<TransferSpec['occurredAt']> =>
  fc.oneof(
    { weight: 12, arbitrary: fc.constant(absent) },
    { weight: 1, arbitrary: fc.constant({ kind: 'value' as const, value: null }) },
    { weight: 2, arbitrary: valueFrom(validPastOccurredAt) },
    { weight: 2, arbitrary: value(fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date(Math.min(now - 86_400_000, Date.parse('2019-12-31T23:59:59Z'))), noInvalidDate: true }).map((date) => date.toISOString())) },
    { weight: 2, arbitrary: valueFrom(invalidOccurredAt) },
    { weight: 1, arbitrary: valueFrom(ambiguousOccurredAt) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('future' as const), ms: fc.integer({ min: 3_600_000, max: 10 * 365 * 86_400_000 }) }) },
  );

const extraArb: fc.Arbitrary<[string, unknown] | null> = fc.oneof(
  { weight: 14, arbitrary: fc.constant(null) },
  {
    weight: 1,
    arbitrary: fc.tuple(
      fc.constantFrom(
        'foo', 'id', 'status', 'transfer_id', 'Amount', 'amount ', 'AMOUNT', '', 'balance', 'admin', 'role', '$where', '__proto', 'constructor', 'toString',
        'valueOf', 'hasOwnProperty', 'isPrototypeOf', 'prototype', '__defineGetter__', 'a\u0000', '\ud800',
      ),
      fc.oneof(fc.constantFrom(...nastyValues.slice(0, 20)), fc.string(), fc.constantFrom(...unstorableStrings)),
    ),
  },
);

const headerArb: fc.Arbitrary<HeaderChoice> = fc.oneof(
  { weight: 10, arbitrary: fc.constant({ kind: 'none' as const }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('fresh' as const), suffix: fc.stringMatching(/^[\x21-\x7e]{0,40}$/) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('invalid' as const), value: fc.constantFrom('', 'a b', 'x'.repeat(256), 'é', 'k\u00ff', '{"a": 1}') }) },
);

export const transferSpecArb = (now: number): fc.Arbitrary<TransferSpec> =>
  fc.record({
    source: sourceIdArb,
    destination: fc.oneof({ weight: 1, arbitrary: fc.record({ kind: fc.constant('same' as const), flip: fc.boolean() }) }, { weight: 14, arbitrary: destinationIdArb }),
    amount: fc.oneof(
      { weight: 14, arbitrary: fc.record({ kind: fc.constant('units' as const), units: fc.bigInt({ min: 1n, max: 20_000n }), decimals: fc.integer({ min: 0, max: 3 }), exceed: fc.constant(false) }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('units' as const), units: fc.bigInt({ min: 1n, max: 10n ** 22n }), decimals: fc.integer({ min: 0, max: 4 }), exceed: fc.constant(false) }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('units' as const), units: fc.bigInt({ min: 1n, max: 20_000n }).filter((n) => n % 10n !== 0n), decimals: fc.constant(0), exceed: fc.constant(true) }) },
      { weight: 4, arbitrary: fc.record({ kind: fc.constant('headroom' as const), plus: fc.constantFrom(0n, 1n) }) },
      { weight: 2, arbitrary: valueFrom(badAmounts) },
      { weight: 1, arbitrary: fc.constant(absent) },
    ),
    currency: fc.oneof(
      { weight: 24, arbitrary: fc.constant({ kind: 'source' as const }) },
      { weight: 2, arbitrary: valueFrom(['USD', 'JPY', 'KWD', 'EUR', 'BHD', 'CLF']) },
      { weight: 1, arbitrary: valueFrom(badCurrencies) },
      { weight: 1, arbitrary: fc.constant(absent) },
    ),
    reference: referenceArb,
    metadata: metadataArb,
    occurredAt: occurredAtArb(now),
    extra: extraArb,
    header: headerArb,
  });

export interface BuiltRequest {
  body: Record<string, unknown>;
  headers?: Record<string, string>;
}

let freshKeys = 0;
function headersOf(choice: HeaderChoice): Record<string, string> | undefined {
  if (choice.kind === 'none') return undefined;
  if (choice.kind === 'invalid') return { 'Idempotency-Key': choice.value };
  return { 'Idempotency-Key': `fz${(freshKeys += 1)}-${Date.now()}${choice.suffix}`.slice(0, 255) };
}

function setField(body: Record<string, unknown>, key: string, field: Field<unknown>): void {
  if (field.kind === 'value') body[key] = field.value;
}

/** Resolves a spec against the model's current accounts (picked by index, so later accounts take part too). */
export function buildTransfer(spec: TransferSpec, model: LedgerModel, now: number): BuiltRequest {
  const accounts = [...model.accounts.values()];
  const resolveId = (choice: IdChoice, source?: string): Field<unknown> => {
    if (choice.kind === 'pool') {
      const sourceAccount = source === undefined ? undefined : model.accounts.get(source);
      const candidates =
        choice.scope === 'setup' ? accounts.slice(0, 8)
        : choice.scope === 'funder' ? accounts.filter((account) => account.allowOverdraft || account.balance > 0n)
        : choice.scope === 'sameCurrency' && sourceAccount ? accounts.filter((account) => account.currency === sourceAccount.currency && account.id !== sourceAccount.id)
        : accounts;
      const from = candidates.length > 0 ? candidates : accounts;
      const id = from[choice.pick % from.length]!.id;
      return { kind: 'value', value: choice.upper ? id.toUpperCase() : id };
    }
    if (choice.kind === 'missing') return { kind: 'value', value: choice.uuid };
    if (choice.kind === 'upperMissing') return { kind: 'value', value: choice.uuid.toUpperCase() };
    return choice;
  };
  // Ids are case-insensitive: the model knows each account by its lower-case id.
  const sourceId = (field: Field<unknown>) => (field.kind === 'value' && typeof field.value === 'string' ? field.value.toLowerCase() : undefined);
  const source = resolveId(spec.source);
  const flipCase = (field: Field<unknown>): Field<unknown> => {
    if (field.kind !== 'value' || typeof field.value !== 'string') return field;
    const text = field.value;
    return { kind: 'value', value: text === text.toLowerCase() ? text.toUpperCase() : text.toLowerCase() };
  };
  const destination = spec.destination.kind === 'same' ? (spec.destination.flip ? flipCase(source) : source) : resolveId(spec.destination, sourceId(source));
  const sourceKey = sourceId(source);
  const sourceAccount = sourceKey === undefined ? undefined : model.accounts.get(sourceKey);
  const body: Record<string, unknown> = {};
  setField(body, 'source_account_id', source);
  setField(body, 'destination_account_id', destination);

  const currency: Field<unknown> = spec.currency.kind === 'source' ? { kind: 'value', value: sourceAccount?.currency ?? 'USD' } : spec.currency;
  const decimals = currency.kind === 'value' && typeof currency.value === 'string' && modelMinorUnits[currency.value] !== undefined ? modelMinorUnits[currency.value]! : 2;
  if (spec.amount.kind === 'units') body.amount = minorToText(spec.amount.units, spec.amount.exceed ? decimals + 1 : Math.min(spec.amount.decimals, decimals));
  else if (spec.amount.kind === 'headroom') {
    // Exactly what the source may still send (or one minor unit more): the overdraft boundary over HTTP.
    const headroom = sourceAccount ? model.headroom(sourceAccount.id) : null;
    const units = (headroom === null || headroom <= 0n ? 1n : headroom) + spec.amount.plus;
    body.amount = minorToText(units, decimals);
  } else setField(body, 'amount', spec.amount);
  setField(body, 'currency', currency);
  setField(body, 'reference', spec.reference);
  setField(body, 'metadata', spec.metadata);
  // A future occurred_at is refused before SAME_ACCOUNT (and every later rule): the oracle knows the order.
  if (spec.occurredAt.kind === 'future') body.occurred_at = new Date(now + spec.occurredAt.ms).toISOString();
  else setField(body, 'occurred_at', spec.occurredAt);
  if (spec.extra) Object.defineProperty(body, spec.extra[0], { value: spec.extra[1], enumerable: true, configurable: true, writable: true });
  return { body, headers: headersOf(spec.header) };
}

export interface AccountSpec {
  currency: Field<unknown>;
  type: Field<unknown>;
  metadata: Field<unknown>;
  allowOverdraft: Field<unknown>;
  overdraftLimit: { kind: 'units'; units: bigint; decimals: number } | Field<unknown>;
  extra: [string, unknown] | null;
  header: HeaderChoice;
}

export const accountSpecArb: fc.Arbitrary<AccountSpec> = fc.record({
  currency: fc.oneof(
    { weight: 10, arbitrary: valueFrom(['USD', 'JPY', 'KWD', 'EUR', 'BHD', 'CLF']) },
    { weight: 2, arbitrary: valueFrom(badCurrencies) },
    { weight: 1, arbitrary: fc.constant(absent) },
  ),
  type: fc.oneof(
    { weight: 6, arbitrary: valueFrom(['user', 'internal', 'merchant', 'fee', 'float']) },
    { weight: 3, arbitrary: value(fc.stringMatching(/^[a-z][a-z0-9_]{0,31}$/)) },
    { weight: 2, arbitrary: valueFrom(['', 'User', '1user', 'a-b', 'a b', 'a\n', 'x'.repeat(33), 'ü', 'user\u0000', 'user\ud800', ...nastyValues.slice(0, 16), ...sqlFragments]) },
    { weight: 1, arbitrary: fc.constant(absent) },
  ),
  metadata: metadataArb,
  allowOverdraft: fc.oneof(
    { weight: 6, arbitrary: fc.constant(absent) },
    { weight: 4, arbitrary: valueFrom([true, false]) },
    { weight: 1, arbitrary: valueFrom([null, 'true', 'false', 1, 0, 'yes', [], {}]) },
  ),
  overdraftLimit: fc.oneof(
    { weight: 6, arbitrary: fc.constant(absent) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('units' as const), units: fc.bigInt({ min: 0n, max: 100_000n }), decimals: fc.integer({ min: 0, max: 3 }) }) },
    { weight: 1, arbitrary: valueFrom(['0', '0.00', '0.000', '0.0000', ...badAmounts.slice(2, 30)]) },
  ),
  extra: extraArb,
  header: headerArb,
});

export function buildAccount(spec: AccountSpec): BuiltRequest {
  const body: Record<string, unknown> = {};
  setField(body, 'currency', spec.currency);
  setField(body, 'type', spec.type);
  setField(body, 'metadata', spec.metadata);
  setField(body, 'allow_overdraft', spec.allowOverdraft);
  // allow_overdraft false with an overdraft_limit (even "0") is refused naming overdraft_limit: see expectAccount.
  if (spec.overdraftLimit.kind === 'units') body.overdraft_limit = minorToText(spec.overdraftLimit.units, spec.overdraftLimit.decimals);
  else setField(body, 'overdraft_limit', spec.overdraftLimit);
  if (spec.extra) Object.defineProperty(body, spec.extra[0], { value: spec.extra[1], enumerable: true, configurable: true, writable: true });
  return { body, headers: headersOf(spec.header) };
}

export const reconFieldArbs = {
  source: fc.oneof(
    { weight: 4, arbitrary: valueFrom(['bank_csv']) },
    { weight: 2, arbitrary: valueFrom(['unknown_source', 'bank_csv_', 'a', 'x'.repeat(64)]) },
    { weight: 2, arbitrary: valueFrom(['Bank_CSV', '', 'bank csv', 'x'.repeat(65), '_bank', ...nastyValues.slice(0, 24), ...sqlFragments]) },
    { weight: 1, arbitrary: fc.constant(absent) },
  ),
  date: fc.oneof(
    // Business dates no other suite reconciles (jobs for 2025-07-13 would sit among theirs).
    { weight: 4, arbitrary: valueFrom(['2019-03-14', '2016-02-29', '2019-01-01']) },
    {
      weight: 3,
      arbitrary: valueFrom(['2019-02-30', '2019-02-29', '2019-13-01', '2019-00-10', '0000-00-00', '9999-99-99', '2019-3-14', '20190314', 'yesterday', '', '2019-03-14T00:00:00Z', ' 2019-03-14', null, 20190314, [], {}]),
    },
    { weight: 1, arbitrary: fc.constant(absent) },
  ),
  account_id: fc.oneof({ weight: 5, arbitrary: fc.constant(absent) }, { weight: 1, arbitrary: value(fc.uuid({ version: 4 })) }, { weight: 1, arbitrary: valueFrom(badIds.slice(0, 12)) }),
  file_path: fc.oneof(
    { weight: 4, arbitrary: fc.constant(absent) },
    { weight: 2, arbitrary: valueFrom(['bank_dump.csv', `${process.cwd()}/data/bank_dump.csv`, './bank_dump.csv']) },
    {
      weight: 3,
      arbitrary: valueFrom([
        'missing.csv', '../../etc/passwd', '/etc/passwd', '..', '.', '', 'sub/../bank_dump.csv', '%2e%2e%2fetc%2fpasswd', 'a\u0000b', '..\\..\\x', 'x'.repeat(1_024),
        'x'.repeat(1_025), '/dev/zero', '/proc/self/environ', '~/.ssh/id_rsa', 'file:///etc/passwd', ' bank_dump.csv', 'bank_dump.csv\n', 5, null, [], {},
      ]),
    },
  ),
  // null means "use the default", like an absent field.
  fuzzy_threshold: fc.oneof({ weight: 4, arbitrary: fc.constant(absent) }, { weight: 2, arbitrary: valueFrom([0, 0.8, 1, '0.5', '1', null]) }, { weight: 2, arbitrary: valueFrom([-0.1, 1.5, 'NaN', '1e-1', '.5', true, [], '0.8.1', 1e308]) }),
  allowed_amount_diff: fc.oneof({ weight: 4, arbitrary: fc.constant(absent) }, { weight: 2, arbitrary: valueFrom(['0.05', '0', '100', null]) }, { weight: 2, arbitrary: valueFrom([0.05, '-1', '1e-2', '0.00001', '1'.repeat(20), '', true, '0.05\u0000']) }),
  max_time_diff_minutes: fc.oneof({ weight: 4, arbitrary: fc.constant(absent) }, { weight: 2, arbitrary: valueFrom([0, 60, 10_080, '60', null]) }, { weight: 2, arbitrary: valueFrom([10_081, -1, 1.5, '1.5', '1e2', 'x', 2 ** 53]) }),
};

export const reconBodyArb: fc.Arbitrary<{ body: Record<string, unknown>; extra: [string, unknown] | null }> = fc
  .record({ ...reconFieldArbs, extra: extraArb })
  .map(({ extra, ...fields }) => {
    const body: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(fields)) setField(body, key, field as Field<unknown>);
    if (extra) Object.defineProperty(body, extra[0], { value: extra[1], enumerable: true, configurable: true, writable: true });
    return { body, extra };
  });

export function nestedObject(depth: number): unknown {
  let value: unknown = 1;
  for (let level = 0; level < depth; level += 1) value = { a: value };
  return value;
}

export function nestedArray(depth: number): unknown {
  let value: unknown = [];
  for (let level = 1; level < depth; level += 1) value = [value];
  return value;
}

// ---------------------------------------------------------------------------------------------------------
// Hand-written raw bodies

/** Raw JSON texts (most of them not JSON at all) that no route may answer with a 2xx or a 5xx. */
export function nastyRawBodies(): string[] {
  const deepObject = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
  const deepArray = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
  return [
    '', ' ', '\n', '\t\r\n ', '{', '}', '[', '{"', '{"a"', '{"a":}', '{"a":1,}', '[1,]', "{'a':1}", '{a:1}', '{"a":1}{"b":2}', '{"a":1} trailing', '{}}',
    'nul', 'null', 'true', 'false', '0', '-0', '1e309', '-1e309', 'NaN', 'Infinity', '"string"', '""', '[]', '[{}]', '[null]', '{}', '\ufeff{}', '\u0000',
    '{"a":"\\u0000"}', '{"a":"\\ud800"}', '{"a":"\\udfff\\ud800"}', '{"\\u0000":1}', '{"a":"\\x41"}', '{"a":"\\u12"}', '{"a":01}', '{"a":.5}', '{"a":+1}',
    '{"a":0x10}', '{"a":NaN}', '{"a":Infinity}', '{"a":undefined}', '{"a":\'b\'}', '/* comment */ {}', '{"a":1} // comment',
    '{"__proto__":{"admin":true}}', '{"constructor":{"prototype":{"admin":true}}}', '{"prototype":{"admin":true}}', '{"a":{"__proto__":{"polluted":1}}}',
    '[{"__proto__":{"polluted":1}}]', '{"__proto__":null}', '{"constructor":null}', '{"constructor":{"name":"x"}}', '{"toString":"x","valueOf":1}',
    '{"hasOwnProperty":"x"}', deepObject(50), deepArray(50), deepObject(500), deepArray(1_000), deepObject(5_000), deepArray(20_000), `{"a":${deepArray(50)}}`,
    `{"amount":${'9'.repeat(100_000)}}`, `"${hugeAscii}"`, `{"${hugeAscii}":1}`, `{"x":"${hugeUnicode}"}`, `[${'1,'.repeat(50_000)}1]`,
    `{${Array.from({ length: 5_000 }, (_, i) => `"k${i}":${i}`).join(',')}}`, '{"a":1,"a":2}', '{"source_account_id":"\'; DROP TABLE events; --"}',
    "'; DROP TABLE events; --", '{"currency":"USD\'; DROP TABLE accounts; --","type":"user"}', '{"source":"bank_csv\'; DROP TABLE recon_jobs; --","date":"2025-07-13"}',
    `{"a":"${'\\u0041'.repeat(10_000)}"}`, '\u00ff\u00fe{', '{"a":"\u2028\u2029"}', `{"x":"${'y'.repeat(1_100_000)}"}`,
  ];
}

/**
 * Valid-looking transfers between the sentinel pair (which must never move) that each break one rule, with
 * the answer the README gives (undefined: only "a 4xx with a code").
 */
export function sentinelTransferBodies(account: string, float: string): { raw: string; status?: number; code?: string }[] {
  const base = { source_account_id: float, destination_account_id: account, amount: '1.00', currency: 'USD' };
  const json = (overrides: Record<string, unknown>) => JSON.stringify({ ...base, ...overrides });
  const cases: { raw: string; status?: number; code?: string }[] = [];
  for (const amount of badAmounts) cases.push({ raw: json({ amount }), status: 400, code: 'VALIDATION_FAILED' });
  for (const currency of badCurrencies) cases.push({ raw: json({ currency }), status: 400, code: 'VALIDATION_FAILED' });
  for (const currency of ['EUR', 'JPY', 'KWD']) cases.push({ raw: json({ currency, amount: '1' }), status: 422, code: 'CURRENCY_MISMATCH' });
  for (const id of [...badIds, ...borderlineUuids.slice(0, 1)]) {
    cases.push({ raw: json({ source_account_id: id }) }, { raw: json({ destination_account_id: id }) });
  }
  cases.push(
    { raw: json({ destination_account_id: float }), status: 422, code: 'SAME_ACCOUNT' },
    { raw: json({ source_account_id: account, destination_account_id: account }), status: 422, code: 'SAME_ACCOUNT' },
    { raw: json({ source_account_id: account, destination_account_id: float, amount: '1000.01' }), status: 422, code: 'INSUFFICIENT_FUNDS' },
    { raw: json({ source_account_id: account, destination_account_id: float, amount: '999999999999999999.99' }), status: 422, code: 'INSUFFICIENT_FUNDS' },
    { raw: json({ destination_account_id: '00000000-0000-4000-8000-00000000dead' }), status: 404, code: 'ACCOUNT_NOT_FOUND' },
    { raw: json({ admin: true }), status: 400, code: 'VALIDATION_FAILED' },
    { raw: json({ status: 'posted' }), status: 400, code: 'VALIDATION_FAILED' },
    { raw: json({ id: '00000000-0000-4000-8000-000000000001' }), status: 400, code: 'VALIDATION_FAILED' },
    { raw: json({ occurred_at: new Date(Date.now() + 3_600_000).toISOString() }), status: 400, code: 'VALIDATION_FAILED' },
    { raw: json({ occurred_at: 'yesterday' }), status: 400, code: 'VALIDATION_FAILED' },
    // Rule order: DTO, currency, amount, occurred_at in the future, SAME_ACCOUNT, ACCOUNT_NOT_FOUND, CURRENCY_MISMATCH, INSUFFICIENT_FUNDS.
    { raw: json({ destination_account_id: float, occurred_at: new Date(Date.now() + 3_600_000).toISOString() }), status: 400, code: 'VALIDATION_FAILED' },
    { raw: json({ destination_account_id: float.toUpperCase(), occurred_at: new Date(Date.now() + 3_600_000).toISOString() }), status: 400, code: 'VALIDATION_FAILED' },
    { raw: json({ destination_account_id: float, occurred_at: '2019-02-29' }), status: 400, code: 'VALIDATION_FAILED' },
    { raw: json({ destination_account_id: float, amount: '1.001' }), status: 400, code: 'VALIDATION_FAILED' },
    { raw: json({ destination_account_id: float, currency: 'EUR' }), status: 422, code: 'SAME_ACCOUNT' },
    { raw: json({ destination_account_id: float.toUpperCase() }), status: 422, code: 'SAME_ACCOUNT' },
    { raw: json({ source_account_id: float.toUpperCase(), destination_account_id: '00000000-0000-4000-8000-00000000dead', occurred_at: '2019-07-13' }), status: 404, code: 'ACCOUNT_NOT_FOUND' },
    { raw: json({ source_account_id: account.toUpperCase(), destination_account_id: float.toUpperCase(), amount: '1000.01' }), status: 422, code: 'INSUFFICIENT_FUNDS' },
    { raw: json({ source_account_id: account.toUpperCase(), destination_account_id: float, currency: 'EUR' }), status: 422, code: 'CURRENCY_MISMATCH' },
    // NUL and unpaired surrogates anywhere (keys too) are refused before every other rule.
    ...unstorableStrings.map((reference) => ({ raw: json({ reference }), status: 400, code: 'VALIDATION_FAILED' })),
    { raw: json({ destination_account_id: float, reference: 'a\u0000' }), status: 400, code: 'VALIDATION_FAILED' },
    { raw: json({ metadata: { note: { deep: ['\ud800'] } } }), status: 400, code: 'VALIDATION_FAILED' },
    { raw: json({ metadata: { 'k\u0000': 1 } }), status: 400, code: 'VALIDATION_FAILED' },
    { raw: json({ 'x\udc00': 1 }), status: 400, code: 'VALIDATION_FAILED' },
    { raw: json({ amount: '1.00\u0000' }), status: 400, code: 'VALIDATION_FAILED' },
    { raw: json({ metadata: { toString: 'x' } }), status: 400, code: 'VALIDATION_FAILED' },
    { raw: json({ metadata: { a: { valueOf: 1 } } }), status: 400, code: 'VALIDATION_FAILED' },
    { raw: json({ reference: '' }), status: 400, code: 'VALIDATION_FAILED' },
    { raw: json({ reference: 'R'.repeat(129) }), status: 400, code: 'VALIDATION_FAILED' },
    { raw: json({ reference: 42 }), status: 400, code: 'VALIDATION_FAILED' },
    { raw: json({ metadata: nestedObject(6) }), status: 400, code: 'VALIDATION_FAILED' },
    { raw: json({ metadata: nestedObject(50) }), status: 400, code: 'VALIDATION_FAILED' },
    { raw: json({ metadata: [] }), status: 400, code: 'VALIDATION_FAILED' },
    { raw: json({ metadata: { blob: 'z'.repeat(9_000) } }), status: 400, code: 'VALIDATION_FAILED' },
    { raw: json({ metadata: 'x' }), status: 400, code: 'VALIDATION_FAILED' },
    { raw: JSON.stringify({ source_account_id: float, destination_account_id: account, currency: 'USD' }), status: 400, code: 'VALIDATION_FAILED' },
    { raw: JSON.stringify({ source_account_id: float, destination_account_id: account, amount: '1' }), status: 400, code: 'VALIDATION_FAILED' },
    { raw: JSON.stringify({ destination_account_id: account, amount: '1', currency: 'USD' }), status: 400, code: 'VALIDATION_FAILED' },
    { raw: JSON.stringify([base]), status: 400, code: 'VALIDATION_FAILED' },
    { raw: JSON.stringify({ transfer: base }), status: 400, code: 'VALIDATION_FAILED' },
    { raw: `${json({})}x` },
    { raw: json({}).slice(0, -1) },
    { raw: json({}).replace('"amount":"1.00"', '"amount":1.00') },
    { raw: json({}).replace('"1.00"', '"1.00","__proto__":{"amount":"1.00"}') },
    { raw: json({}).replace('"1.00"', '"1.00","constructor":{"prototype":{"amount":"1.00"}}') },
    { raw: json({}).replace('"amount":"1.00",', '"__proto__":{"amount":"1.00"},') },
    { raw: json({}).replace('"amount":"1.00"', '"amount":"1.00","amount":"-1.00"') },
    { raw: json({}).replace('"currency":"USD"', '"currency":"USD","currency":"usd"') },
  );
  return cases;
}
