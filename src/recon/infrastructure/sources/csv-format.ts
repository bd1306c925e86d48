import iconv from 'iconv-lite';
import { FixedOffsetZone, IANAZone, type Zone } from 'luxon';
import { ValidationFailed } from '../../../common/errors/domain-error.js';
import { csvColumnsMax } from '../../domain/limits.js';
import type { ColumnMapping } from '../../domain/recon-source.js';
import { defaultTimePatterns, describeDatePattern, isTimePattern, type DateReading } from './csv-dates.js';
import {
  defaultCreditWords,
  defaultDebitWords,
  directionWords,
  type DecimalSeparator,
  type DirectionWords,
} from './csv-values.js';

/** The record fields a mapping can name, in the order rejection reasons mention them. */
export const mappedFields = [
  'id',
  'reference',
  'amount',
  'debitAmount',
  'creditAmount',
  'direction',
  'currency',
  'timestamp',
  'date',
  'time',
  'timeZoneColumn',
  'valueDate',
  'counterparty',
  'description',
  'endToEndId',
  'groupId',
] as const;
export type MappedField = (typeof mappedFields)[number];

/** A column by header name, or by 1-based position ("#3"). */
export type ColumnRef = { readonly name: string } | { readonly position: number };

/** A ColumnMapping with its defaults applied and its combinations checked. */
export interface CsvFormat {
  readonly mapping: ColumnMapping;
  /** Undefined: UTF-8, and a line that is not valid UTF-8 as Windows-1252 (textLines). */
  readonly encoding: string | undefined;
  /** Undefined: detected from the header line (or the first row without a header). */
  readonly delimiter?: string;
  readonly decimalSeparator: DecimalSeparator;
  readonly header: boolean;
  readonly skipLines: number;
  readonly dates: DateReading;
  readonly valueDatePattern: string;
  readonly timeZone: Zone;
  readonly signConvention: NonNullable<ColumnMapping['signConvention']>;
  readonly directionWords: DirectionWords;
  readonly idStrategy: 'column' | 'content';
  readonly defaultCurrency?: string;
  /** The columns this mapping reads, in mappedFields order. */
  readonly columns: readonly (readonly [MappedField, ColumnRef])[];
}

export const skipLinesMax = 1_000;
const legacyDateFormats: readonly NonNullable<ColumnMapping['dateFormat']>[] = ['iso', 'YYYY-MM-DD HH:mm:ss', 'DD/MM/YYYY HH:mm', 'epoch_ms'];
const signConventions: readonly CsvFormat['signConvention'][] = ['absolute', 'negative_is_debit', 'direction_column'];

/**
 * Mappings come from configuration, so every value is checked at runtime; an invalid one throws
 * ValidationFailed naming the exact option (`sources.bank_knab.options.mapping.datePattern`) before any
 * file is opened. `path` is where the mapping sits in the configuration.
 */
export function resolveCsvFormat(mapping: ColumnMapping, path = 'mapping'): CsvFormat {
  const invalid = (option: string, message: string) => ValidationFailed.field(`${path}.${option}`, message);
  const columns = checkColumns(mapping, invalid);
  const named = new Set(columns.map(([field]) => field));
  const header = mapping.header ?? true;
  if (typeof header !== 'boolean') throw invalid('header', 'must be true or false');
  if (!header) {
    const byName = columns.find(([, ref]) => 'name' in ref);
    if (byName) throw invalid(byName[0], 'must name the column by position ("#3") when header is false');
  }
  const idStrategy = mapping.idStrategy ?? (named.has('id') ? 'column' : 'content');
  if (idStrategy !== 'column' && idStrategy !== 'content') throw invalid('idStrategy', "must be 'column' or 'content'");
  if (idStrategy === 'column' && !named.has('id')) throw invalid('id', "must name a column (or set idStrategy 'content')");
  if (idStrategy === 'content' && named.has('id')) throw invalid('id', "must be omitted when idStrategy is 'content'");
  checkAmountColumns(mapping, named, invalid);
  const signConvention = mapping.signConvention ?? 'absolute';
  if (!signConventions.includes(signConvention)) throw invalid('signConvention', `must be one of ${signConventions.join(', ')}`);
  if (signConvention === 'direction_column' && !named.has('direction'))
    throw invalid('direction', "is required when signConvention is 'direction_column'");
  const { delimiter, decimalSeparator = '.' } = mapping;
  if (delimiter !== undefined && (typeof delimiter !== 'string' || delimiter.length !== 1 || /["\r\n]/.test(delimiter)))
    throw invalid('delimiter', 'must be one character other than a quote or newline');
  if (decimalSeparator !== '.' && decimalSeparator !== ',') throw invalid('decimalSeparator', "must be '.' or ','");
  const { encoding } = mapping;
  if (encoding !== undefined && (typeof encoding !== 'string' || !iconv.encodingExists(encoding)))
    throw invalid('encoding', "must be an encoding iconv-lite knows, e.g. 'utf-8', 'latin1' or 'win1252'");
  const skipLines = mapping.skipLines ?? 0;
  if (!Number.isInteger(skipLines) || skipLines < 0 || skipLines > skipLinesMax) throw invalid('skipLines', `must be an integer between 0 and ${skipLinesMax}`);
  const defaultCurrency = mapping.defaultCurrency?.trim().toUpperCase();
  if (defaultCurrency !== undefined && !/^[A-Z]{3}$/.test(defaultCurrency)) throw invalid('defaultCurrency', 'must be a 3-letter ISO 4217 code');
  if (!named.has('currency') && defaultCurrency === undefined) throw invalid('currency', 'must name a column unless defaultCurrency is set');
  const dates = resolveDates(mapping, named, invalid);
  return {
    mapping,
    encoding,
    delimiter,
    decimalSeparator,
    header,
    skipLines,
    dates,
    valueDatePattern: resolveValueDatePattern(mapping, dates, invalid),
    timeZone: resolveTimeZone(mapping, invalid),
    signConvention,
    directionWords: resolveDirectionWords(mapping, invalid),
    idStrategy,
    defaultCurrency,
    // As before: a direction column is only read (and only required in the header) under 'direction_column'.
    columns: signConvention === 'direction_column' ? columns : columns.filter(([field]) => field !== 'direction'),
  };
}

type Invalid = (option: string, message: string) => ValidationFailed;

function checkColumns(mapping: ColumnMapping, invalid: Invalid): [MappedField, ColumnRef][] {
  const columns: [MappedField, ColumnRef][] = [];
  for (const field of mappedFields) {
    const value: unknown = mapping[field];
    if (value === undefined) continue;
    if (typeof value !== 'string' || value.trim() === '') throw invalid(field, 'must name a column (a header name, or "#3" for the third column)');
    const position = /^#(\d+)$/.exec(value.trim());
    if (position === null) columns.push([field, { name: value.trim() }]);
    else if (Number(position[1]) < 1 || Number(position[1]) > csvColumnsMax) throw invalid(field, `a column position must be between #1 and #${csvColumnsMax}`);
    else columns.push([field, { position: Number(position[1]) }]);
  }
  return columns;
}

function checkAmountColumns(mapping: ColumnMapping, named: ReadonlySet<MappedField>, invalid: Invalid): void {
  const split = named.has('debitAmount') || named.has('creditAmount');
  if (!split && !named.has('amount')) throw invalid('amount', 'must name a column (or give debitAmount and creditAmount)');
  if (!split) return;
  if (named.has('amount')) throw invalid('amount', 'must be omitted when debitAmount and creditAmount are given');
  if (!named.has('debitAmount')) throw invalid('debitAmount', 'must name a column when creditAmount does');
  if (!named.has('creditAmount')) throw invalid('creditAmount', 'must name a column when debitAmount does');
  if (mapping.signConvention !== undefined) throw invalid('signConvention', 'does not apply with debitAmount and creditAmount (the column says it)');
}

function resolveDates(mapping: ColumnMapping, named: ReadonlySet<MappedField>, invalid: Invalid): DateReading {
  if (named.has('timestamp') === named.has('date')) throw invalid(named.has('date') ? 'date' : 'timestamp', 'exactly one of timestamp and date must name a column');
  if (named.has('time') && !named.has('date')) throw invalid('time', 'needs a date column');
  const { dateFormat, datePattern, timePattern } = mapping;
  if (dateFormat !== undefined && datePattern !== undefined) throw invalid('dateFormat', 'give dateFormat or datePattern, not both');
  if (dateFormat !== undefined && !legacyDateFormats.includes(dateFormat)) throw invalid('dateFormat', `must be one of ${legacyDateFormats.join(', ')} (or use datePattern)`);
  if (timePattern !== undefined && !named.has('time')) throw invalid('timePattern', 'applies only with a time column');
  if (timePattern !== undefined && (typeof timePattern !== 'string' || !isTimePattern(timePattern)))
    throw invalid('timePattern', `'${timePattern}' is not a luxon time pattern with hours and minutes (e.g. HH:mm:ss)`);
  if (named.has('date') && dateFormat !== undefined) throw invalid('dateFormat', 'applies to a timestamp column; use datePattern with date');
  if (datePattern === undefined) {
    return named.has('date') ? patternReading('yyyy-MM-dd', named, timePattern) : { kind: 'dateFormat', format: dateFormat ?? 'iso' };
  }
  if (typeof datePattern !== 'string' || describeDatePattern(datePattern) === undefined)
    throw invalid('datePattern', `'${datePattern}' is not a luxon date pattern with a year, month and day (e.g. dd-MM-yyyy)`);
  if (named.has('time') && !describeDatePattern(datePattern)!.dateOnly) throw invalid('datePattern', 'must not have a time part when time names a column');
  return patternReading(datePattern, named, timePattern);
}

function patternReading(pattern: string, named: ReadonlySet<MappedField>, timePattern: string | undefined): DateReading {
  const dateOnly = describeDatePattern(pattern)!.dateOnly && !named.has('time');
  return { kind: 'pattern', pattern, dateOnly, timePatterns: timePattern === undefined ? defaultTimePatterns : [timePattern] };
}

function resolveValueDatePattern(mapping: ColumnMapping, dates: DateReading, invalid: Invalid): string {
  const pattern = mapping.valueDatePattern;
  if (pattern === undefined) return dates.kind === 'pattern' && describeDatePattern(dates.pattern)!.dateOnly ? dates.pattern : 'yyyy-MM-dd';
  if (typeof pattern !== 'string' || describeDatePattern(pattern)?.dateOnly !== true)
    throw invalid('valueDatePattern', `'${pattern}' is not a luxon date pattern with a year, month and day and no time`);
  return pattern;
}

function resolveTimeZone(mapping: ColumnMapping, invalid: Invalid): Zone {
  if (mapping.timezone !== undefined && mapping.timezone !== 'UTC') throw invalid('timezone', "only 'UTC' is accepted here; use timeZone for another zone");
  if (mapping.timezone !== undefined && mapping.timeZone !== undefined) throw invalid('timeZone', 'give timeZone or timezone, not both');
  const name = mapping.timeZone ?? 'UTC';
  if (name === 'UTC') return FixedOffsetZone.utcInstance;
  if (typeof name !== 'string' || !IANAZone.isValidZone(name)) throw invalid('timeZone', `'${name}' is not an IANA time zone (e.g. Europe/Amsterdam)`);
  return IANAZone.create(name);
}

function resolveDirectionWords(mapping: ColumnMapping, invalid: Invalid): DirectionWords {
  const words = (option: 'creditValues' | 'debitValues', fallback: readonly string[]): readonly string[] => {
    const value: unknown = mapping[option];
    if (value === undefined) return fallback;
    // "" is a word too: card exports flag credits with "CR" and leave debits empty.
    if (!Array.isArray(value) || value.length === 0 || value.some((word) => typeof word !== 'string'))
      throw invalid(option, 'must be a non-empty list of words, e.g. ["Bij"] (or [""] for an empty cell)');
    return value as string[];
  };
  const credit = words('creditValues', defaultCreditWords);
  const debit = words('debitValues', defaultDebitWords);
  const lower = new Set(credit.map((word) => word.trim().toLowerCase()));
  const both = debit.find((word) => lower.has(word.trim().toLowerCase()));
  if (both !== undefined) throw invalid('debitValues', `'${both}' is also a credit value`);
  return directionWords(credit, debit);
}
