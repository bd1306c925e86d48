import { DomainError } from '../../../common/errors/domain-error.js';
import { csvColumnsMax } from '../../domain/limits.js';
import type { CsvFormat, MappedField } from './csv-format.js';

export { resolveCsvFormat, type CsvFormat, type MappedField } from './csv-format.js';

/** Where each mapped field sits in a row, and how many columns every row must have. */
export interface CsvColumns {
  /** The header's column count, which every row must have; undefined without a header. */
  readonly count?: number;
  /** 0-based. */
  readonly indexOf: Readonly<Partial<Record<MappedField, number>>>;
  /** Header names as written in the file (or "#3"), for messages. */
  readonly headerOf: Readonly<Partial<Record<MappedField, string>>>;
}

const normalise = (name: string) => name.trim().toLowerCase();

/** Whether a line split into `fields` holds every column the mapping names by header name: then it is the header. */
export function holdsNamedColumns(fields: readonly string[], format: CsvFormat): boolean {
  const names = new Set(fields.map(normalise));
  return format.columns.every(([, ref]) => !('name' in ref) || names.has(normalise(ref.name)));
}

/**
 * Finds the mapped columns in the header row (trimmed, case-insensitive), or by position. Throws
 * RECON_SOURCE_INVALID naming every missing or ambiguous column, since no row of such a file can be read
 * correctly. Without a header (`header` undefined) every column is positional.
 */
export function resolveColumns(header: readonly string[] | undefined, format: CsvFormat): CsvColumns {
  if (header !== undefined && header.length > csvColumnsMax)
    throw sourceInvalid(`the header has ${header.length} columns, more than the limit of ${csvColumnsMax}`);
  const normalised = header?.map(normalise) ?? [];
  const indexOf: Partial<Record<MappedField, number>> = {};
  const headerOf: Partial<Record<MappedField, string>> = {};
  const problems: { field: MappedField; message: string }[] = [];
  for (const [field, ref] of format.columns) {
    if ('position' in ref) {
      if (header !== undefined && ref.position > header.length) {
        problems.push({ field, message: `column #${ref.position} (${field}) is beyond the header's ${header.length} columns` });
        continue;
      }
      indexOf[field] = ref.position - 1;
      headerOf[field] = header?.[ref.position - 1]?.trim() || `#${ref.position}`;
      continue;
    }
    const positions = normalised.flatMap((name, position) => (name === normalise(ref.name) ? [position] : []));
    if (positions.length === 1) [indexOf[field], headerOf[field]] = [positions[0], header![positions[0]].trim()];
    else
      problems.push({
        field,
        message: `column '${ref.name}' (${field}) ${positions.length === 0 ? 'is missing' : 'appears more than once'}`,
      });
  }
  if (problems.length > 0) {
    const found = (header ?? []).map((name) => name.trim()).join(', ');
    throw sourceInvalid(`the CSV header cannot be used: ${problems.map((p) => p.message).join('; ')} (found: ${found})`, problems);
  }
  return { count: header?.length, indexOf, headerOf };
}

export function sourceInvalid(message: string, details?: { field: string; message: string }[]): DomainError {
  return new DomainError('RECON_SOURCE_INVALID', 'validation', message, details);
}
