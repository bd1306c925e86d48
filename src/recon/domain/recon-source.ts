import { ValidationFailed } from '../../common/errors/domain-error.js';
import type { Decimal } from '../../common/money/decimal.js';
import { dayStartIn, isTimeZone } from './business-day.js';
import { msPerMinute } from './record-distance.js';
import type { ReconRecord } from './recon-record.js';
import { timeDiffMinutesMax } from './limits.js';

/**
 * What a source produces, one item at a time so a large file never sits in memory. A row the source
 * cannot turn into a record is reported, not dropped: a reconciliation that silently skips rows lies.
 */
export type SourceItem =
  | { readonly kind: 'record'; readonly record: ReconRecord }
  | {
      readonly kind: 'rejected';
      /** 1-based physical line for text formats; 0 where lines mean nothing (XML on one line). */
      readonly line: number;
      readonly reason: string;
      readonly raw?: string;
      /** Where, when a line is not enough: "entry 12 (Document/BkToCstmrStmt/Stmt[1]/Ntry[12])". */
      readonly location?: string;
    }
  | { readonly kind: 'statement'; readonly statement: StatementBalances };

/**
 * The balances a statement states about itself (MT940 :60F:/:62F:, camt OPBD/CLBD, OFX LEDGERBAL, BAI2
 * account totals). Emitted after the statement's records, whose statementKey equals `key`, so a reader can
 * check opening + entries = closing without holding the records.
 */
export interface StatementBalances {
  /** Unique within one file, e.g. "mt940:3" or the camt Stmt/Id. */
  readonly key: string;
  /** The account as the file names it (IBAN, account number). */
  readonly account: string;
  readonly currency: string;
  /** Signed: a debit (overdrawn) balance is negative. */
  readonly opening?: { readonly amount: Decimal; readonly date: string };
  readonly closing?: { readonly amount: Decimal; readonly date: string };
  /** "line 14" or an element path, for reports. */
  readonly location: string;
}

export interface SourceReadRequest {
  /** YYYY-MM-DD, a UTC day: the first day of the period. */
  readonly businessDate: string;
  /** YYYY-MM-DD, the last day of the period (inclusive); the period is businessDate alone when absent. */
  readonly lastDate?: string;
  /** For file sources. */
  readonly filePath?: string;
  /** For ledger sources: whose transfers to read. */
  readonly accountId?: string;
  /**
   * How far outside the business day records are still read: usually the job's maxTimeDiffMinutes, so a
   * payment at 23:59 can still meet its counterpart booked at 00:20 the next day.
   */
  readonly windowMinutes: number;
  /** IANA zone whose calendar day the business date is (RECON_BUSINESS_TIMEZONE); default UTC. */
  readonly timeZone?: string;
}

export interface ReconSource {
  /** Shown in reports, e.g. "bank-csv" or "ledger". */
  readonly name: string;
  read(request: SourceReadRequest): AsyncIterable<SourceItem>;
}

/**
 * Maps the columns of a delimited file onto a ReconRecord. Column names are header names, matched after
 * trimming and ignoring case.
 */
export interface ColumnMapping {
  /** Unique row id (e.g. the bank's transaction id); becomes the record key. Required in every row. */
  readonly id: string;
  /** Payment reference or description; may be empty in a row (it then can only match fuzzily on amount/time). */
  readonly reference: string;
  readonly amount: string;
  /** ISO 4217 code column; may be omitted when `defaultCurrency` is set. An empty cell falls back to it. */
  readonly currency?: string;
  readonly timestamp: string;
  /** Credit/debit column (C/CR/CREDIT/IN or D/DR/DEBIT/OUT); required when signConvention is 'direction_column'. */
  readonly direction?: string;
  /** One character, default ','. Must differ from the decimal separator. */
  readonly delimiter?: string;
  /** Default '.'. The other of '.'/',' is accepted as a thousands separator in strict groups of three. */
  readonly decimalSeparator?: '.' | ',';
  /** Default 'iso'. 'iso' without an offset is read as UTC; 'epoch_ms' is milliseconds since 1970 UTC. */
  readonly dateFormat?: 'iso' | 'YYYY-MM-DD HH:mm:ss' | 'DD/MM/YYYY HH:mm' | 'epoch_ms';
  /**
   * Only UTC: timestamps without an offset are read as UTC, because local wall-clock times are ambiguous
   * around daylight-saving changes. (Which calendar day is the business date is RECON_BUSINESS_TIMEZONE.)
   */
  readonly timezone?: 'UTC';
  /**
   * Default 'absolute'. 'absolute': amounts are unsigned (a sign is rejected as a mapping error);
   * 'negative_is_debit': a leading '-' marks a debit; 'direction_column': the direction column says it and
   * the amount must be unsigned. The stored amount is always positive.
   */
  readonly signConvention?: 'absolute' | 'negative_is_debit' | 'direction_column';
  /** Used when there is no currency column or its cell is empty. */
  readonly defaultCurrency?: string;
}

export interface TimeWindow {
  /** Inclusive. */
  readonly from: Date;
  /** Exclusive. */
  readonly to: Date;
}

/**
 * The instants a source reads for a request: the business day (a calendar day in `timeZone`, UTC by
 * default, so 23 or 25 hours on a daylight-saving change) widened by windowMinutes on each side.
 */
export function businessWindow(request: Pick<SourceReadRequest, 'businessDate' | 'lastDate' | 'windowMinutes' | 'timeZone'>): TimeWindow {
  const [year, month, day] = calendarDay(request.businessDate, 'businessDate');
  const [lastYear, lastMonth, lastDay] = request.lastDate === undefined ? [year, month, day] : calendarDay(request.lastDate, 'lastDate');
  const timeZone = request.timeZone ?? 'UTC';
  if (!isTimeZone(timeZone)) throw ValidationFailed.field('timeZone', `${timeZone} is not an IANA time zone`);
  const dayStart = dayStartIn(timeZone, year, month, day);
  const nextDay = new Date(Date.UTC(lastYear, lastMonth - 1, lastDay + 1));
  const dayEnd = dayStartIn(timeZone, nextDay.getUTCFullYear(), nextDay.getUTCMonth() + 1, nextDay.getUTCDate());
  const { windowMinutes } = request;
  if (!Number.isInteger(windowMinutes) || windowMinutes < 0 || windowMinutes > timeDiffMinutesMax) {
    throw ValidationFailed.field('windowMinutes', `must be an integer between 0 and ${timeDiffMinutesMax}`);
  }
  const margin = windowMinutes * msPerMinute;
  if (dayEnd <= dayStart) throw ValidationFailed.field('lastDate', 'must not be before the first day');
  return { from: new Date(dayStart - margin), to: new Date(dayEnd + margin) };
}

function calendarDay(text: string, field: string): [number, number, number] {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const utcDay = match === null ? NaN : Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  if (Number.isNaN(utcDay) || new Date(utcDay).toISOString().slice(0, 10) !== text) {
    throw ValidationFailed.field(field, 'must be a calendar date formatted YYYY-MM-DD');
  }
  return [Number(match![1]), Number(match![2]), Number(match![3])];
}
