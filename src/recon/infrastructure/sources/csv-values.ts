import { Decimal } from '../../../common/money/decimal.js';
import type { ColumnMapping } from '../../domain/recon-source.js';
import { amountFractionDigitsMax, amountIntegerDigitsMax } from '../../domain/limits.js';

/** A cell either parses or says why not; the reason becomes part of a rejected row's message. */
export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

export type DateFormat = NonNullable<ColumnMapping['dateFormat']>;
export type DecimalSeparator = NonNullable<ColumnMapping['decimalSeparator']>;

export interface ParsedAmount {
  /** Absolute value. */
  readonly amount: Decimal;
  readonly negative: boolean;
}

const fail = (reason: string): { ok: false; reason: string } => ({ ok: false, reason });

/** Strict: optional sign, digits with optional thousands groups of exactly three, optional fraction. */
const amountPatterns: Readonly<Record<DecimalSeparator, RegExp>> = {
  '.': /^([+-]?)(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$/,
  ',': /^([+-]?)(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?$/,
};

const amountExamples: Readonly<Record<DecimalSeparator, string>> = { '.': '1234.56 or 1,234.56', ',': '1234,56 or 1.234,56' };

/**
 * Parses a file amount such as "1,234.56" or (with decimalSeparator ',') "1.234,56". No exponents, currency
 * symbols or spaces: anything unexpected is a row to show a human, not a number to guess.
 */
export function parseCsvAmount(text: string, decimalSeparator: DecimalSeparator = '.'): Parsed<ParsedAmount> {
  const match = amountPatterns[decimalSeparator].exec(text.trim());
  if (match === null) return fail(`'${text}' is not a valid amount (expected e.g. ${amountExamples[decimalSeparator]})`);
  const [, sign, grouped, fraction = ''] = match;
  const integer = grouped.replace(/[.,]/g, '');
  if (integer.replace(/^0+(?=\d)/, '').length > amountIntegerDigitsMax) {
    return fail(`'${text}' has more than ${amountIntegerDigitsMax} integer digits`);
  }
  if (fraction.length > amountFractionDigitsMax) return fail(`'${text}' has more than ${amountFractionDigitsMax} decimal places`);
  const amount = new Decimal(fraction === '' ? integer : `${integer}.${fraction}`);
  return { ok: true, value: { amount, negative: sign === '-' && !amount.isZero() } };
}

interface DateParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly millisecond: number;
}

/** Only ISO carries an offset; the other formats are UTC by definition (see ColumnMapping.timezone). */
const timestampFormats: Readonly<Record<Exclude<DateFormat, 'epoch_ms'>, { pattern: RegExp; example: string }>> = {
  iso: {
    pattern: /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?)?$/,
    example: '2025-07-13T14:03:00Z',
  },
  'YYYY-MM-DD HH:mm:ss': { pattern: /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/, example: '2025-07-13 14:03:00' },
  'DD/MM/YYYY HH:mm': { pattern: /^(\d{2})\/(\d{2})\/(\d{4}) (\d{2}):(\d{2})$/, example: '13/07/2025 14:03' },
};

/** Parses a file timestamp as UTC (ISO offsets are honoured); rejects impossible dates such as 31/02. */
export function parseCsvTimestamp(text: string, dateFormat: DateFormat = 'iso'): Parsed<Date> {
  const trimmed = text.trim();
  if (dateFormat === 'epoch_ms') {
    return /^\d{1,15}$/.test(trimmed) ? { ok: true, value: new Date(Number(trimmed)) } : fail(`'${text}' is not epoch milliseconds`);
  }
  const { pattern, example } = timestampFormats[dateFormat];
  const match = pattern.exec(trimmed);
  const invalid = fail(`'${text}' is not a valid ${dateFormat} timestamp (expected e.g. ${example})`);
  if (match === null) return invalid;
  const [parts, offsetMinutes] = dateFormat === 'DD/MM/YYYY HH:mm' ? [dayFirstParts(match), 0] : yearFirstParts(match);
  const instant = utcInstant(parts);
  return instant === undefined ? invalid : { ok: true, value: new Date(instant - offsetMinutes * 60_000) };
}

function dayFirstParts(match: RegExpExecArray): DateParts {
  const group = numericGroups(match);
  return { year: group(3), month: group(2), day: group(1), hour: group(4), minute: group(5), second: 0, millisecond: 0 };
}

/** Serves both year-first formats; groups the pattern lacks or the text omits (ISO time, fraction) read as 0. */
function yearFirstParts(match: RegExpExecArray): [DateParts, number] {
  const group = numericGroups(match);
  const millisecond = Number((match[7] ?? '').padEnd(3, '0').slice(0, 3));
  const parts = { year: group(1), month: group(2), day: group(3), hour: group(4), minute: group(5), second: group(6), millisecond };
  return [parts, offsetMinutesOf(match[8])];
}

function numericGroups(match: RegExpExecArray): (index: number) => number {
  return (index) => Number(match[index] ?? 0);
}

function offsetMinutesOf(offset: string | undefined): number {
  if (offset === undefined || offset === 'Z') return 0;
  const digits = offset.replace(':', '');
  const minutes = Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5));
  return digits.startsWith('-') ? -minutes : minutes;
}

/** Date.UTC silently rolls 31/02 into March; a round trip through the fields catches that. */
function utcInstant(parts: DateParts): number | undefined {
  const { year, month, day, hour, minute, second, millisecond } = parts;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const instant = Date.UTC(year, month - 1, day, hour, minute, second, millisecond);
  const date = new Date(instant);
  const roundTrips = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return roundTrips ? instant : undefined;
}

export function parseCsvCurrency(text: string): Parsed<string> {
  const code = text.trim().toUpperCase();
  return /^[A-Z]{3}$/.test(code) ? { ok: true, value: code } : fail(`'${text}' is not a 3-letter ISO 4217 currency code`);
}

/** Credit and debit words, lower case. A Map, not an object literal, so a cell reading "constructor" cannot hit a prototype property. */
export type DirectionWords = ReadonlyMap<string, 'credit' | 'debit'>;

export function directionWords(credit: readonly string[], debit: readonly string[]): DirectionWords {
  return new Map([
    ...credit.map((word) => [word.trim().toLowerCase(), 'credit'] as const),
    ...debit.map((word) => [word.trim().toLowerCase(), 'debit'] as const),
  ]);
}

export const defaultCreditWords = ['C', 'CR', 'CREDIT', 'IN'] as const;
export const defaultDebitWords = ['D', 'DR', 'DEBIT', 'OUT'] as const;
const defaultDirections = directionWords(defaultCreditWords, defaultDebitWords);

export function parseCsvDirection(text: string, words: DirectionWords = defaultDirections): Parsed<'credit' | 'debit'> {
  const direction = words.get(text.trim().toLowerCase());
  if (direction !== undefined) return { ok: true, value: direction };
  const spelled = (side: 'credit' | 'debit') => [...words].filter(([, value]) => value === side).map(([word]) => word.toUpperCase()).join('/');
  return fail(`'${text}' is not a direction (expected ${spelled('credit')} or ${spelled('debit')})`);
}
