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
  | { readonly kind: 'statement'; readonly statement: StatementBalances }
  | { readonly kind: 'dialect'; readonly dialect: SourceDialect };

/**
 * What a source found out about the file it reads (CSV: encoding, delimiter, header line; statements: the
 * format and its version), yielded once before the records, so a preview can show it.
 */
export type SourceDialect = Readonly<Record<string, string | number | boolean | readonly string[]>>;

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
  /**
   * For file sources: the problem with a file judged by its first bytes (another format, a binary file),
   * or undefined when it may be read. Lets a run be refused at once instead of failing later.
   */
  checkFile?(head: Buffer): string | undefined;
}

/**
 * Maps the columns of a delimited file onto a ReconRecord (docs/formats/csv.md lists every option with
 * examples). A column is named by its header name, matched after trimming and ignoring case, or by its
 * 1-based position as "#3" (for empty header cells and files without a header).
 */
export interface ColumnMapping {
  /**
   * Unique row id (e.g. the bank's transaction id); becomes the record key. Required in every row. Omit it
   * (or set idStrategy 'content') when the file has none: the key is then derived from the row's content.
   */
  readonly id?: string;
  /**
   * 'column' (default when `id` is set) or 'content': a hash of date, amount, direction, currency,
   * reference and description, plus ":n", the row's occurrence among identical rows of that date, so a
   * rerun or an overlapping file gives the same keys (two identical rows on one day get ":1" and ":2").
   */
  readonly idStrategy?: 'column' | 'content';
  /** Payment reference; may be empty in a row (it then can only match fuzzily on amount/time). Optional. */
  readonly reference?: string;
  /** The amount column; or give `debitAmount` and `creditAmount` instead (one of them filled per row). */
  readonly amount?: string;
  readonly debitAmount?: string;
  readonly creditAmount?: string;
  /** ISO 4217 code column; may be omitted when `defaultCurrency` is set. An empty cell falls back to it. */
  readonly currency?: string;
  /** One column holding date and time, read with `dateFormat` or `datePattern`. Or use `date` (+ `time`). */
  readonly timestamp?: string;
  /** A date column, read with `datePattern` (default yyyy-MM-dd); with `time` when the time is separate. */
  readonly date?: string;
  readonly time?: string;
  /** A column naming each row's zone: IANA (Europe/Paris), an abbreviation (CET, CEST, BST) or an offset (+01:00). */
  readonly timeZoneColumn?: string;
  /** A value date column (YYYY-MM-DD on the record), read with `valueDatePattern`. */
  readonly valueDate?: string;
  /** Credit/debit column; required when signConvention is 'direction_column'. */
  readonly direction?: string;
  /** Direction words, matched ignoring case; default C/CR/CREDIT/IN and D/DR/DEBIT/OUT. */
  readonly creditValues?: readonly string[];
  readonly debitValues?: readonly string[];
  readonly counterparty?: string;
  readonly description?: string;
  readonly endToEndId?: string;
  readonly groupId?: string;
  /** 'utf-8' (default; a BOM is dropped), 'latin1' / 'iso-8859-1', 'win1252', or any iconv-lite name. */
  readonly encoding?: string;
  /** One character. When omitted it is detected from the header line among , ; TAB and |. */
  readonly delimiter?: string;
  /** Default '.'. Thousands may be grouped by the other of '.'/',', a space, a no-break space or an apostrophe. */
  readonly decimalSeparator?: '.' | ',';
  /** Lines to drop before looking for the header (or the first row). Default 0. */
  readonly skipLines?: number;
  /**
   * Default true: the header is the first line (within 50) holding every column named by header name;
   * lines before it are a preamble. false: every line is data and columns are named "#n".
   */
  readonly header?: boolean;
  /** Default 'iso'. 'iso' without an offset is read in `timeZone`; 'epoch_ms' is milliseconds since 1970 UTC. */
  readonly dateFormat?: 'iso' | 'YYYY-MM-DD HH:mm:ss' | 'DD/MM/YYYY HH:mm' | 'epoch_ms';
  /**
   * A luxon format (dd-MM-yyyy, M/d/yyyy, dd-MMM-yyyy with English month names, yyyy-MM-dd HH:mm). A
   * pattern without a time part gives date-only records (timePrecision 'date'). Replaces `dateFormat`.
   */
  readonly datePattern?: string;
  /** Luxon format of the `time` column; default H:mm:ss, also accepting H:mm. */
  readonly timePattern?: string;
  /** Default: `datePattern` when that has no time part, otherwise yyyy-MM-dd. */
  readonly valueDatePattern?: string;
  /** IANA zone of times without an offset; default UTC. */
  readonly timeZone?: string;
  /** The original spelling of `timeZone`, kept for old configurations: only 'UTC'. */
  readonly timezone?: 'UTC';
  /**
   * Default 'absolute'. 'absolute': amounts are unsigned (a minus is rejected as a mapping error);
   * 'negative_is_debit': a minus (leading, trailing or parentheses) marks a debit; 'direction_column': the
   * direction column says it and the amount must not be negative. The stored amount is always positive.
   */
  readonly signConvention?: 'absolute' | 'negative_is_debit' | 'direction_column';
  /** Used when there is no currency column, its cell is empty and the amount has no currency sign or code. */
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
