import type { Zone } from 'luxon';
import type { Decimal } from '../../../common/money/decimal.js';
import { keyLengthMax, referenceLengthMax, rejectedRawCharsMax } from '../../domain/limits.js';
import type { SourceItem } from '../../domain/recon-source.js';
import { externalItem, type ParsedExternalFields } from './external-record.js';
import { parseAmountCell, type CellAmount } from './csv-amount.js';
import type { CsvColumns } from './csv-columns.js';
import { contentHash } from './csv-content-id.js';
import { parseZone, readCalendarDate, readRowDate, type RowDate } from './csv-dates.js';
import type { CsvFormat, MappedField } from './csv-format.js';
import { parseCsvCurrency, parseCsvDirection, type Parsed } from './csv-values.js';

/** What converting one row needs, the same for every row: rows are converted alone, nothing is remembered. */
export interface RowContext {
  readonly format: CsvFormat;
  readonly columns: CsvColumns;
  readonly delimiter: string;
}

type Signed = { amount: Decimal; direction?: 'credit' | 'debit'; currency?: string };

/**
 * Turns one data row into a record, or into a rejection listing every bad field (so one pass over a
 * rejected file is enough to fix it).
 */
export function rowToItem(fields: readonly string[], line: number, raw: string, context: RowContext): SourceItem {
  const reject = (reason: string): SourceItem => ({ kind: 'rejected', line, reason, raw: trimRaw(raw) });
  const { format, columns } = context;
  if (columns.count !== undefined && fields.length !== columns.count) {
    const split = format.decimalSeparator === context.delimiter && fields.length > columns.count ? ' (is a decimal comma unquoted?)' : '';
    return reject(`expected ${columns.count} columns as in the header, found ${fields.length}${split}`);
  }
  const beyond = format.columns.find(([field]) => (columns.indexOf[field] ?? 0) >= fields.length);
  if (beyond !== undefined) return reject(`the row has ${fields.length} columns, so column #${columns.indexOf[beyond[0]]! + 1} (${beyond[0]}) is missing`);
  const cell = (field: MappedField) => {
    const index = columns.indexOf[field];
    return index === undefined ? '' : fields[index].trim();
  };
  const has = (field: MappedField) => columns.indexOf[field] !== undefined;
  const problems: string[] = [];
  const take = <T>(field: MappedField, parsed: Parsed<T>): T | undefined => {
    if (parsed.ok) return parsed.value;
    problems.push(`${field} (column '${columns.headerOf[field] ?? field}'): ${parsed.reason}`);
    return undefined;
  };
  const key = format.idStrategy === 'column' ? take('id', parseId(cell('id'))) : undefined;
  const reference = take('reference', parseReference(cell('reference')));
  const signed = has('amount')
    ? take('amount', required(cell('amount'), (text) => parseAmountBySign(text, format)))
    : takeSplitAmount(cell('debitAmount'), cell('creditAmount'), format, take, problems);
  const direction =
    format.signConvention === 'direction_column'
      ? take('direction', format.directionWords.has('') ? parseCsvDirection(cell('direction'), format.directionWords) : required(cell('direction'), (text) => parseCsvDirection(text, format.directionWords)))
      : signed?.direction;
  const currency = take('currency', parseRowCurrency(cell('currency'), signed?.currency, format.defaultCurrency));
  const zone = has('timeZoneColumn') ? take('timeZoneColumn', required(cell('timeZoneColumn'), parseZone)) : format.timeZone;
  const dateField = has('timestamp') ? 'timestamp' : 'date';
  const when =
    zone === undefined ? undefined : take(dateField, required(cell(dateField), (text) => readDateCells(text, has('time') ? cell('time') : undefined, zone, context)));
  const valueDate = cell('valueDate') === '' ? undefined : take('valueDate', readCalendarDate(cell('valueDate'), format.valueDatePattern));
  const parsed: ParsedExternalFields = {
    key,
    reference,
    signed,
    currency,
    direction,
    occurredAt: when?.occurredAt,
    ...(when?.precision === 'date' ? { timePrecision: 'date', bookingDate: when.bookingDate } : {}),
    valueDate,
    counterparty: cell('counterparty') || undefined,
    description: cell('description') || undefined,
    endToEndId: cell('endToEndId') || undefined,
    groupId: cell('groupId') || undefined,
  };
  if (format.idStrategy === 'content' && problems.length === 0 && signed && currency && when && reference !== undefined) {
    const at = when.precision === 'date' ? when.bookingDate : when.occurredAt.toISOString();
    // Occurrence 1 as read; identical rows are numbered where all rows are seen (repeated-ids.ts).
    parsed.keyBase = `${contentHash({ when: at, amount: signed.amount, direction, currency, reference, description: parsed.description })}:`;
    parsed.key = `${parsed.keyBase}1`;
  }
  return externalItem(parsed, problems, line, reject);
}

function required<T>(text: string, parse: (text: string) => Parsed<T>): Parsed<T> {
  return text === '' ? { ok: false, reason: 'missing value' } : parse(text);
}

function parseId(text: string): Parsed<string> {
  if (text === '') return { ok: false, reason: 'missing value' };
  if (text.length > keyLengthMax) return { ok: false, reason: `longer than ${keyLengthMax} characters` };
  return { ok: true, value: text };
}

function parseReference(text: string): Parsed<string> {
  if (text.length > referenceLengthMax) return { ok: false, reason: `longer than ${referenceLengthMax} characters` };
  return { ok: true, value: text };
}

/**
 * Applies the sign convention to an amount cell. The amount is always returned positive; under
 * 'negative_is_debit' the sign becomes the direction, otherwise a minus is a mapping error worth a rejection.
 */
function parseAmountBySign(text: string, format: CsvFormat): Parsed<Signed> {
  const parsed = parseAmountCell(text, format.decimalSeparator);
  if (!parsed.ok) return parsed;
  const { amount, negative, currency } = parsed.value;
  if (format.signConvention === 'negative_is_debit') return { ok: true, value: { amount, currency, direction: negative ? 'debit' : 'credit' } };
  if (!negative) return { ok: true, value: { amount, currency } };
  const signSource = format.signConvention === 'direction_column' ? 'the direction column gives the sign' : "signConvention is 'absolute'";
  return { ok: false, reason: `'${text}' is negative but ${signSource}` };
}

/**
 * Two amount columns: exactly one holds the row's amount (a zero or empty cell is the unused one). A minus
 * in the debit column only repeats what the column says; in the credit column it contradicts it.
 */
function takeSplitAmount(
  debitText: string,
  creditText: string,
  format: CsvFormat,
  take: <T>(field: MappedField, parsed: Parsed<T>) => T | undefined,
  problems: string[],
): Signed | undefined {
  const read = (field: 'debitAmount' | 'creditAmount', text: string): CellAmount | undefined =>
    text === '' ? undefined : take(field, parseAmountCell(text, format.decimalSeparator));
  const [debit, credit] = [read('debitAmount', debitText), read('creditAmount', creditText)];
  if ((debitText !== '' && debit === undefined) || (creditText !== '' && credit === undefined)) return undefined;
  const used = [debit, credit].filter((amount) => amount !== undefined && !amount.amount.isZero());
  const zero = debit ?? credit;
  if (used.length === 0 && zero === undefined) {
    problems.push('amount: both debitAmount and creditAmount are empty');
    return undefined;
  }
  if (used.length === 2) {
    problems.push(`amount: both debitAmount ('${debitText}') and creditAmount ('${creditText}') hold an amount`);
    return undefined;
  }
  if (credit?.negative && !credit.amount.isZero()) {
    take('creditAmount', { ok: false, reason: `'${creditText}' is negative in the credit column` });
    return undefined;
  }
  const chosen = used[0] ?? zero!;
  return { amount: chosen.amount, currency: chosen.currency, direction: chosen === debit ? 'debit' : 'credit' };
}

/** The currency column wins, then a code or symbol written with the amount, then the default; they must agree. */
function parseRowCurrency(text: string, fromAmount: string | undefined, defaultCurrency: string | undefined): Parsed<string> {
  if (text !== '') {
    const parsed = parseCsvCurrency(text);
    if (!parsed.ok || fromAmount === undefined || parsed.value === fromAmount) return parsed;
    return { ok: false, reason: `'${text}' but the amount is written in ${fromAmount}` };
  }
  if (fromAmount !== undefined) return { ok: true, value: fromAmount };
  return defaultCurrency === undefined ? { ok: false, reason: 'missing value' } : { ok: true, value: defaultCurrency };
}

/**
 * Reads a row's date cells. A row of another day is still a well-formed row: the engine reports it as
 * out_of_period, not rejected.
 */
function readDateCells(text: string, time: string | undefined, zone: Zone, context: RowContext): Parsed<RowDate> {
  if (time === '') return { ok: false, reason: `the time cell next to '${text}' is empty` };
  return readRowDate({ date: text, time, zone }, context.format.dates);
}

/** Reports want the row, not a runaway one. */
export function trimRaw(raw: string): string {
  return raw.length > rejectedRawCharsMax ? `${raw.slice(0, rejectedRawCharsMax)}…` : raw;
}
