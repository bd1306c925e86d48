import { DomainError, ValidationFailed } from '../../../common/errors/domain-error.js';
import { csvColumnsMax } from '../../domain/limits.js';
import type { ColumnMapping } from '../../domain/recon-source.js';
import type { DateFormat, DecimalSeparator } from './csv-values.js';

/** A ColumnMapping with its defaults applied and its combinations checked. */
export interface CsvFormat {
  readonly mapping: ColumnMapping;
  readonly delimiter: string;
  readonly decimalSeparator: DecimalSeparator;
  readonly dateFormat: DateFormat;
  readonly signConvention: NonNullable<ColumnMapping['signConvention']>;
  readonly defaultCurrency?: string;
}

/** The record fields a mapping can name, in the order reasons mention them. */
export type MappedField = 'id' | 'reference' | 'amount' | 'currency' | 'timestamp' | 'direction';

/** Where each mapped field sits in a row, and how many columns every row must have. */
export interface CsvColumns {
  readonly count: number;
  readonly indexOf: Readonly<Partial<Record<MappedField, number>>>;
  /** Header names as written in the file, for messages. */
  readonly headerOf: Readonly<Partial<Record<MappedField, string>>>;
}

const dateFormats: readonly DateFormat[] = ['iso', 'YYYY-MM-DD HH:mm:ss', 'DD/MM/YYYY HH:mm', 'epoch_ms'];
const signConventions: readonly CsvFormat['signConvention'][] = ['absolute', 'negative_is_debit', 'direction_column'];

/**
 * Mappings usually come from configuration, so every value is checked at runtime; an invalid one throws
 * ValidationFailed naming the option before any file is opened.
 */
export function resolveCsvFormat(mapping: ColumnMapping): CsvFormat {
  const { delimiter = ',', decimalSeparator = '.', dateFormat = 'iso', signConvention = 'absolute', timezone = 'UTC' } = mapping;
  const invalid = (option: string, message: string) => ValidationFailed.field(`mapping.${option}`, message);
  for (const field of ['id', 'reference', 'amount', 'timestamp'] as const) {
    if (typeof mapping[field] !== 'string' || mapping[field].trim() === '') throw invalid(field, 'must name a column');
  }
  if (delimiter.length !== 1 || /["\r\n]/.test(delimiter))
    throw invalid('delimiter', 'must be one character other than a quote or newline');
  if (decimalSeparator !== '.' && decimalSeparator !== ',') throw invalid('decimalSeparator', "must be '.' or ','");
  if (delimiter === decimalSeparator)
    throw invalid('delimiter', `must differ from the decimal separator '${decimalSeparator}' (use ';' with decimal commas)`);
  if (!dateFormats.includes(dateFormat)) throw invalid('dateFormat', `must be one of ${dateFormats.join(', ')}`);
  if (timezone !== 'UTC') throw invalid('timezone', 'only UTC is supported');
  if (!signConventions.includes(signConvention)) throw invalid('signConvention', `must be one of ${signConventions.join(', ')}`);
  if (signConvention === 'direction_column' && !mapping.direction)
    throw invalid('direction', "is required when signConvention is 'direction_column'");
  const defaultCurrency = mapping.defaultCurrency?.trim().toUpperCase();
  if (defaultCurrency !== undefined && !/^[A-Z]{3}$/.test(defaultCurrency))
    throw invalid('defaultCurrency', 'must be a 3-letter ISO 4217 code');
  if (!mapping.currency && defaultCurrency === undefined) throw invalid('currency', 'must name a column unless defaultCurrency is set');
  return { mapping, delimiter, decimalSeparator, dateFormat, signConvention, defaultCurrency };
}

/**
 * Finds the mapped columns in the header row (trimmed, case-insensitive). Throws RECON_SOURCE_INVALID
 * naming every missing or ambiguous column, since no row of such a file can be read correctly.
 */
export function resolveColumns(header: readonly string[], format: CsvFormat): CsvColumns {
  if (header.length > csvColumnsMax)
    throw sourceInvalid(`the header has ${header.length} columns, more than the limit of ${csvColumnsMax}`);
  const normalised = header.map((name) => name.trim().toLowerCase());
  const indexOf: Partial<Record<MappedField, number>> = {};
  const headerOf: Partial<Record<MappedField, string>> = {};
  const problems: { field: MappedField; message: string }[] = [];
  for (const [field, column] of mappedColumns(format)) {
    const positions = normalised.flatMap((name, position) => (name === column.trim().toLowerCase() ? [position] : []));
    if (positions.length === 1) [indexOf[field], headerOf[field]] = [positions[0], header[positions[0]].trim()];
    else
      problems.push({
        field,
        message: `column '${column}' (${field}) ${positions.length === 0 ? 'is missing' : 'appears more than once'}`,
      });
  }
  if (problems.length > 0) {
    const found = header.map((name) => name.trim()).join(', ');
    throw sourceInvalid(`the CSV header cannot be used: ${problems.map((p) => p.message).join('; ')} (found: ${found})`, problems);
  }
  return { count: header.length, indexOf, headerOf };
}

export function sourceInvalid(message: string, details?: { field: string; message: string }[]): DomainError {
  return new DomainError('RECON_SOURCE_INVALID', 'validation', message, details);
}

function mappedColumns(format: CsvFormat): [MappedField, string][] {
  const { id, reference, amount, currency, timestamp, direction } = format.mapping;
  const columns: [MappedField, string | undefined][] = [
    ['id', id],
    ['reference', reference],
    ['amount', amount],
    ['currency', currency],
    ['timestamp', timestamp],
    ['direction', format.signConvention === 'direction_column' ? direction : undefined],
  ];
  return columns.filter((entry): entry is [MappedField, string] => Boolean(entry[1]));
}
