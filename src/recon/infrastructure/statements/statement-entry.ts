import { Decimal } from '../../../common/money/decimal.js';
import { hasUnstorableCharacter, storableText } from '../../../common/storable-text.js';
import { amountFractionDigitsMax, amountIntegerDigitsMax, keyLengthMax, referenceLengthMax } from '../../domain/limits.js';
import type { ReconRecord } from '../../domain/recon-record.js';
import type { SourceItem } from '../../domain/recon-source.js';

/** What a statement parser read from one entry (or one detail of a batch entry), before checks. */
export interface StatementEntryFields {
  /** The bank's id for the entry; unique within the source (callers make batch details unique, e.g. "ref/2"). */
  readonly id?: string;
  readonly reference?: string;
  readonly endToEndId?: string;
  /** Signed as the statement gives it, or unsigned with `direction`. */
  readonly amount?: Decimal;
  readonly direction?: 'credit' | 'debit';
  readonly currency?: string;
  /** YYYY-MM-DD. Statements give booking dates without a time. */
  readonly bookingDate?: string;
  readonly valueDate?: string;
  readonly counterparty?: string;
  readonly description?: string;
  readonly groupId?: string;
  readonly statementKey?: string;
}

/** Where the entry is: a physical line for text formats, an entry index and element path otherwise. */
export interface StatementEntryPosition {
  readonly line: number;
  readonly location?: string;
}

const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;
const currencyPattern = /^[A-Z]{3}$/;

/**
 * The one place where every statement format turns an entry into a record or a rejection: the same
 * checks (and the same messages) for MT940, camt, OFX and BAI2. All problems are listed at once.
 */
export function statementEntryItem(fields: StatementEntryFields, position: StatementEntryPosition, raw?: string): SourceItem {
  const problems = entryProblems(fields);
  if (problems.length > 0) {
    return { kind: 'rejected', line: position.line, location: position.location, reason: storableText(problems.join('; ')), raw };
  }
  const amount = fields.amount!;
  const direction = fields.direction ?? (amount.isNegative() ? 'debit' : 'credit');
  const record: ReconRecord = {
    side: 'external',
    key: fields.id!,
    reference: fields.reference ?? '',
    amount: amount.abs(),
    currency: fields.currency!,
    occurredAt: new Date(`${fields.bookingDate!}T00:00:00Z`),
    timePrecision: 'date',
    bookingDate: fields.bookingDate,
    line: position.line,
    direction,
    ...optional(fields),
  };
  return { kind: 'record', record };
}

function optional(fields: StatementEntryFields): Partial<ReconRecord> {
  const out: { -readonly [K in keyof ReconRecord]?: ReconRecord[K] } = {};
  if (fields.valueDate !== undefined) out.valueDate = fields.valueDate;
  if (fields.endToEndId) out.endToEndId = fields.endToEndId;
  if (fields.counterparty) out.counterparty = fields.counterparty;
  if (fields.description) out.description = fields.description;
  if (fields.groupId !== undefined) out.groupId = fields.groupId;
  if (fields.statementKey !== undefined) out.statementKey = fields.statementKey;
  return out;
}

function entryProblems(fields: StatementEntryFields): string[] {
  const problems: string[] = [];
  if (!fields.id) problems.push('id: missing');
  else if (fields.id.length > keyLengthMax) problems.push(`id: longer than ${keyLengthMax} characters`);
  if ((fields.reference ?? '').length > referenceLengthMax) problems.push(`reference: longer than ${referenceLengthMax} characters`);
  for (const name of ['id', 'reference', 'endToEndId', 'counterparty', 'description'] as const) {
    const value = fields[name];
    if (value !== undefined && hasUnstorableCharacter(value)) problems.push(`${name}: contains a NUL character or an unpaired UTF-16 surrogate`);
  }
  problems.push(...amountProblems(fields.amount, fields.direction));
  if (fields.currency === undefined) problems.push('currency: missing (set defaultCurrency on the source when the file does not say)');
  else if (!currencyPattern.test(fields.currency)) problems.push(`currency: '${fields.currency}' is not an ISO 4217 code`);
  if (fields.bookingDate === undefined) problems.push('booking date: missing');
  else if (!isCalendarDate(fields.bookingDate)) problems.push(`booking date: '${fields.bookingDate}' is not a calendar date`);
  if (fields.valueDate !== undefined && !isCalendarDate(fields.valueDate)) problems.push(`value date: '${fields.valueDate}' is not a calendar date`);
  return problems;
}

function amountProblems(amount: Decimal | undefined, direction: StatementEntryFields['direction']): string[] {
  if (amount === undefined) return ['amount: missing'];
  if (!amount.isFinite()) return ['amount: not a finite number'];
  if (direction !== undefined && amount.isNegative()) return ['amount: signed although the entry states its direction'];
  const [integer, fraction = ''] = amount.abs().toFixed().split('.');
  if (integer.replace(/^0+(?=\d)/, '').length > amountIntegerDigitsMax) return [`amount: more than ${amountIntegerDigitsMax} integer digits`];
  if (fraction.length > amountFractionDigitsMax) return [`amount: more than ${amountFractionDigitsMax} decimal places`];
  return [];
}

export function isCalendarDate(text: string): boolean {
  const match = datePattern.exec(text);
  if (match === null) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === text;
}
