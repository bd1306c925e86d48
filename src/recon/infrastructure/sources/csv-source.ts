import { createReadStream } from 'node:fs';
import { DomainError } from '../../../common/errors/domain-error.js';
import { csvRecordCharsMax, sourceRecordsPerJobMax } from '../../domain/limits.js';
import {
  businessWindow,
  type ColumnMapping,
  type ReconSource,
  type SourceItem,
  type SourceReadRequest,
} from '../../domain/recon-source.js';
import { defaultEncodingDescription, textLines, type TextLine } from '../statements/text-lines.js';
import { holdsNamedColumns, resolveColumns, sourceInvalid, type CsvColumns } from './csv-columns.js';
import { resolveCsvFormat, type CsvFormat } from './csv-format.js';
import { csvRecords, splitLine } from './csv-records.js';
import { rowToItem, trimRaw, type RowContext } from './csv-row.js';

/**
 * Reads a bank or provider export as external records, streaming: nothing is kept from row to row, so memory
 * never grows with the file (repeated ids are settled where all rows are seen: repeated-ids.ts). Rows that
 * cannot be read become `rejected` items with their line.
 */
export class CsvSource implements ReconSource {
  /** Throws ValidationFailed for an invalid mapping, so misconfiguration surfaces before a job starts. */
  constructor(
    private readonly mapping: ColumnMapping,
    readonly name = 'csv',
  ) {
    resolveCsvFormat(mapping, `sources.${name}.options.mapping`);
  }

  async *read(request: SourceReadRequest): AsyncGenerator<SourceItem> {
    const { filePath } = request;
    if (!filePath) throw sourceInvalid(`${this.name}: a filePath is required`);
    // Validated before the file is opened, so a bad request cannot leak a file descriptor.
    businessWindow(request);
    try {
      yield* readCsv(createReadStream(filePath), this.mapping, request);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EISDIR') throw new DomainError('RECON_SOURCE_NOT_FOUND', 'not_found', `${this.name}: ${filePath} is a directory, not a file`);
      if (code !== 'ENOENT') throw error;
      throw new DomainError('RECON_SOURCE_NOT_FOUND', 'not_found', `${this.name}: no file at ${filePath}`);
    }
  }
}

/** A file stream, an upload, or simply an array of strings in tests. */
export type ByteChunks = AsyncIterable<Buffer | string> | Iterable<Buffer | string>;

/** How far down the file the header may be: past that, a missing column is a mapping problem, not a preamble. */
export const headerSearchLinesMax = 50;
const delimiterCandidates = [',', ';', '\t', '|'] as const;

/**
 * The CSV reading itself, over any byte stream (a file, an upload, a test string). Throws
 * RECON_SOURCE_INVALID for a file without a usable header; every other problem is a rejected row with its
 * physical line (CR LF, lone CR and CR CR LF all end one line).
 */
export async function* readCsv(
  input: ByteChunks,
  mapping: ColumnMapping,
  request: Pick<SourceReadRequest, 'businessDate' | 'windowMinutes' | 'timeZone'>,
): AsyncGenerator<SourceItem> {
  const format = resolveCsvFormat(mapping);
  // A bad request fails before the file is read; rows of any date are read (the engine sorts them by period).
  businessWindow(request);
  const lines = textLines(asBuffers(input), format.encoding)[Symbol.asyncIterator]();
  // Closes the input (a file descriptor) however reading ends: a bad header, a limit, a consumer that stops.
  try {
    yield* readRows(lines, format);
  } finally {
    await lines.return?.(undefined);
  }
}

async function* readRows(
  lines: AsyncIterator<TextLine>,
  format: CsvFormat,
): AsyncGenerator<SourceItem> {
  const layout = await findLayout(lines, format);
  const context: RowContext = {
    format,
    columns: layout.columns,
    delimiter: layout.delimiter,
  };
  yield { kind: 'dialect', dialect: dialectOf(format, layout) };
  let rows = 0;
  for await (const item of csvRecords(concat(layout.dataLines, lines), layout.delimiter, layout.columns.count)) {
    rows += 1;
    if (rows > sourceRecordsPerJobMax) throw sourceInvalid(`the file has more than ${sourceRecordsPerJobMax} data rows`);
    yield item.kind === 'row'
      ? rowToItem(item.fields, item.line, item.raw, context)
      : { kind: 'rejected', line: item.line, reason: item.reason, raw: trimRaw(item.raw) };
  }
}

/** What a preview shows of how the file was read: the parts detected and the parts configured. */
function dialectOf(format: CsvFormat, layout: Layout) {
  const mapped = Object.entries(layout.columns.headerOf).map(([field, header]) => `${field} <- ${header}`);
  return {
    format: 'csv',
    encoding: format.encoding ?? defaultEncodingDescription,
    delimiter: layout.delimiter === '\t' ? 'TAB' : layout.delimiter,
    delimiter_detected: format.delimiter === undefined,
    header_line: layout.headerLine ?? 'none',
    decimal_separator: format.decimalSeparator,
    columns: mapped,
  };
}

interface Layout {
  /** The header's physical line, when the file has one. */
  readonly headerLine?: number;
  readonly delimiter: string;
  readonly columns: CsvColumns;
  /** Lines read while looking for the header that are data. */
  readonly dataLines: TextLine[];
}

/**
 * Skips `skipLines`, then finds the header: the first line (of the next 50) that holds every column the
 * mapping names, split by the configured delimiter or by whichever of , ; TAB | makes it so. Lines before
 * it are a preamble (a bank name, an account number), not rejections. Without a header the first line is
 * data and the delimiter is the candidate that splits it into the most columns.
 */
async function findLayout(lines: AsyncIterator<TextLine>, format: CsvFormat): Promise<Layout> {
  const candidates = format.delimiter === undefined ? delimiterCandidates : [format.delimiter];
  // Non-empty lines only: blank lines are skipped wherever they are.
  const seen: TextLine[] = [];
  for (let skipped = 0; skipped < format.skipLines; skipped += 1) if ((await lines.next()).done) break;
  while (seen.length < (format.header ? headerSearchLinesMax : 1)) {
    const next = await lines.next();
    if (next.done) break;
    if (next.value.text === '') continue;
    seen.push(next.value);
    if (!format.header) continue;
    // Of the delimiters that make this line the header, the one giving the most columns: a file using ';'
    // may still hold a ',' inside a header name.
    const holding = candidates.filter((candidate) => holdsNamedColumns(splitLine(next.value.text, candidate), format));
    if (holding.length > 0) {
      const delimiter = widestSplit(next.value.text, holding);
      const header = splitLine(next.value.text, delimiter);
      return { headerLine: next.value.line, delimiter, columns: resolveColumns(header, format), dataLines: [] };
    }
  }
  const first = seen[0];
  if (first === undefined) throw sourceInvalid(format.header ? 'the file is empty: no header row' : 'the file is empty');
  const delimiter = widestSplit(first.text, candidates);
  if (!format.header) return { delimiter, columns: resolveColumns(undefined, format), dataLines: seen };
  // No line qualifies: report what the first one lacks.
  resolveColumns(splitLine(first.text, delimiter), format);
  throw sourceInvalid(`no header within the first ${headerSearchLinesMax} lines holds every mapped column`);
}

/** The delimiter splitting `text` into the most fields; the first candidate on a tie. */
function widestSplit(text: string, candidates: readonly string[]): string {
  const widths = candidates.map((candidate) => splitLine(text, candidate).length);
  return candidates[widths.indexOf(Math.max(...widths))];
}

async function* concat(first: readonly TextLine[], rest: AsyncIterator<TextLine>): AsyncGenerator<TextLine> {
  yield* first;
  for (let next = await rest.next(); !next.done; next = await rest.next()) yield next.value;
}

/** UTF-8 needs at most 4 bytes a character. */
const lineBytesMax = csvRecordCharsMax * 4;

/**
 * Bytes for the line reader, which holds a line until it ends: a file without line ends (a wrong file, a
 * binary) would otherwise be held whole. Counting on bytes works for every encoding whose line ends are
 * the bytes CR and LF.
 */
async function* asBuffers(input: ByteChunks): AsyncGenerator<Buffer> {
  let sinceLineEnd = 0;
  for await (const chunk of input) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    const lastEnd = Math.max(bytes.lastIndexOf(0x0a), bytes.lastIndexOf(0x0d));
    sinceLineEnd = lastEnd < 0 ? sinceLineEnd + bytes.length : bytes.length - lastEnd - 1;
    if (sinceLineEnd > lineBytesMax) throw sourceInvalid(`a line runs past ${lineBytesMax} bytes without a line end: not a CSV export`);
    yield bytes;
  }
}
