import type { Decimal } from '../../../common/money/decimal.js';
import { keyLengthMax, referenceLengthMax, rejectedRawCharsMax } from '../../domain/limits.js';
import type { SourceItem, TimeWindow } from '../../domain/recon-source.js';
import { externalItem } from './external-record.js';
import type { CsvColumns, CsvFormat, MappedField } from './csv-columns.js';
import { parseCsvAmount, parseCsvCurrency, parseCsvDirection, parseCsvTimestamp, type Parsed } from './csv-values.js';

/** What converting one row needs; `firstLineOfId` is shared across rows to reject duplicate ids. */
export interface RowContext {
  readonly format: CsvFormat;
  readonly columns: CsvColumns;
  readonly window: TimeWindow;
  readonly firstLineOfId: Map<string, number>;
}

/**
 * Turns one data row into a record, or into a rejection listing every bad field (so one pass over a
 * rejected file is enough to fix it).
 */
export function rowToItem(fields: readonly string[], line: number, raw: string, context: RowContext): SourceItem {
  const reject = (reason: string): SourceItem => ({ kind: 'rejected', line, reason, raw: trimRaw(raw) });
  if (fields.length !== context.columns.count) {
    return reject(`expected ${context.columns.count} columns as in the header, found ${fields.length}`);
  }
  const cell = (field: MappedField) => {
    const index = context.columns.indexOf[field];
    return index === undefined ? '' : fields[index].trim();
  };
  const problems: string[] = [];
  const take = <T>(field: MappedField, parsed: Parsed<T>): T | undefined => {
    if (parsed.ok) return parsed.value;
    problems.push(`${field} (column '${context.columns.headerOf[field] ?? field}'): ${parsed.reason}`);
    return undefined;
  };
  const { format } = context;
  const key = take('id', parseId(cell('id'), context.firstLineOfId));
  const reference = take('reference', parseReference(cell('reference')));
  const signed = take(
    'amount',
    required(cell('amount'), (text) => parseAmountBySign(text, format)),
  );
  const direction =
    format.signConvention === 'direction_column' ? take('direction', required(cell('direction'), parseCsvDirection)) : signed?.direction;
  const currency = take('currency', parseCurrencyOrDefault(cell('currency'), format.defaultCurrency));
  const occurredAt = take(
    'timestamp',
    required(cell('timestamp'), (text) => parseTimestampInWindow(text, context)),
  );
  return externalItem({ key, reference, signed, currency, occurredAt, direction }, problems, line, context.firstLineOfId, reject);
}

function required<T>(text: string, parse: (text: string) => Parsed<T>): Parsed<T> {
  return text === '' ? { ok: false, reason: 'missing value' } : parse(text);
}

function parseId(text: string, firstLineOfId: ReadonlyMap<string, number>): Parsed<string> {
  if (text === '') return { ok: false, reason: 'missing value' };
  if (text.length > keyLengthMax) return { ok: false, reason: `longer than ${keyLengthMax} characters` };
  const firstLine = firstLineOfId.get(text);
  return firstLine === undefined ? { ok: true, value: text } : { ok: false, reason: `'${text}' is already used on line ${firstLine}` };
}

function parseReference(text: string): Parsed<string> {
  if (text.length > referenceLengthMax) return { ok: false, reason: `longer than ${referenceLengthMax} characters` };
  return { ok: true, value: text };
}

/**
 * Applies the sign convention to an amount cell. The amount is always returned positive; under
 * 'negative_is_debit' the sign becomes the direction, otherwise a sign is a mapping error worth a rejection.
 */
function parseAmountBySign(text: string, format: CsvFormat): Parsed<{ amount: Decimal; direction?: 'credit' | 'debit' }> {
  const parsed = parseCsvAmount(text, format.decimalSeparator);
  if (!parsed.ok) return parsed;
  const { amount, negative } = parsed.value;
  if (format.signConvention === 'negative_is_debit') return { ok: true, value: { amount, direction: negative ? 'debit' : 'credit' } };
  if (!negative) return { ok: true, value: { amount } };
  const signSource = format.signConvention === 'direction_column' ? 'the direction column gives the sign' : "signConvention is 'absolute'";
  return { ok: false, reason: `'${text}' is negative but ${signSource}` };
}

function parseCurrencyOrDefault(text: string, defaultCurrency: string | undefined): Parsed<string> {
  if (text !== '') return parseCsvCurrency(text);
  return defaultCurrency === undefined ? { ok: false, reason: 'missing value' } : { ok: true, value: defaultCurrency };
}

/** A row of another day is still a well-formed row: the engine reports it as out_of_period, not rejected. */
function parseTimestampInWindow(text: string, context: RowContext): Parsed<Date> {
  return parseCsvTimestamp(text, context.format.dateFormat);
}

/** csv-parse's raw text carries the newlines around the row (and skipped blank lines); reports want the row. */
function trimRaw(raw: string): string {
  const row = raw.replace(/^\n+|\n+$/g, '');
  return row.length > rejectedRawCharsMax ? `${row.slice(0, rejectedRawCharsMax)}…` : row;
}
