import { createReadStream } from 'node:fs';
import { pipeline, Readable } from 'node:stream';
import { CsvError, parse, type Parser } from 'csv-parse';
import { DomainError } from '../../../common/errors/domain-error.js';
import { csvRecordCharsMax, recordsPerSideMax } from '../../domain/limits.js';
import {
  businessWindow,
  type ColumnMapping,
  type ReconSource,
  type SourceItem,
  type SourceReadRequest,
} from '../../domain/recon-source.js';
import { resolveColumns, resolveCsvFormat, sourceInvalid, type CsvFormat } from './csv-columns.js';
import { rowToItem, type RowContext } from './csv-row.js';

/**
 * Reads a bank or provider export as external records, streaming: memory grows with the ids seen (for the
 * duplicate check), never with the file. Rows that cannot be read become `rejected` items with their line.
 */
export class CsvSource implements ReconSource {
  /** Throws ValidationFailed for an invalid mapping, so misconfiguration surfaces before a job starts. */
  constructor(
    private readonly mapping: ColumnMapping,
    readonly name = 'csv',
  ) {
    resolveCsvFormat(mapping);
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

/**
 * The CSV reading itself, over any byte stream (a file, an upload, a test string). Throws
 * RECON_SOURCE_INVALID for a file without a usable header or one the parser cannot resynchronise in
 * (an unclosed quote swallows the rest of the file, so continuing would silently drop rows).
 */
export async function* readCsv(
  input: ByteChunks,
  mapping: ColumnMapping,
  request: Pick<SourceReadRequest, 'businessDate' | 'windowMinutes'>,
): AsyncGenerator<SourceItem> {
  const format = resolveCsvFormat(mapping);
  const window = businessWindow(request);
  const parser = csvParser(format);
  pipeline(Readable.from(normaliseNewlines(input), { objectMode: false }), parser, () => {
    // pipeline destroys the parser with any error, which rethrows it in the loop below
  });
  // Set by the header row; every later row is data.
  let context: RowContext | undefined;
  let rows = 0;
  try {
    for await (const { record: fields, info, raw } of parser as AsyncIterable<ParsedRow>) {
      if (context === undefined) {
        context = { format, columns: resolveColumns(fields, format), window, firstLineOfId: new Map() };
        continue;
      }
      const line = info.lines - newlinesIn(fields);
      rows += 1;
      if (rows > recordsPerSideMax) throw sourceInvalid(`the file has more than ${recordsPerSideMax} data rows`);
      yield rowToItem(fields, line, raw, context);
    }
  } catch (error) {
    throw error instanceof CsvError ? sourceInvalid(`unreadable CSV: ${error.message}`) : error;
  }
  if (context === undefined) throw sourceInvalid('the file is empty: no header row');
}

interface ParsedRow {
  readonly record: string[];
  readonly info: { readonly lines: number };
  readonly raw: string;
}

function csvParser(format: CsvFormat): Parser {
  return parse({
    delimiter: format.delimiter,
    bom: true,
    info: true,
    raw: true,
    // Rows with the wrong column count are rejected one by one, not fatal for the whole file.
    relax_column_count: true,
    // Stray quotes inside unquoted fields (ACME "BIG" LTD) are common in bank exports and harmless.
    relax_quotes: true,
    skip_empty_lines: true,
    max_record_size: csvRecordCharsMax,
  });
}

/** Embedded newlines in quoted fields push csv-parse's line counter past the row's first line. */
function newlinesIn(fields: readonly string[]): number {
  let count = 0;
  for (const field of fields) for (const char of field) if (char === '\n') count += 1;
  return count;
}

const CR = 0x0d;
const LF = 0x0a;

/**
 * Rewrites CRLF and lone CR as LF before parsing. csv-parse counts a CRLF inside a quoted field as two
 * lines, which would put every later line number off by one; with LF only its count is exact. Works on
 * bytes (CR never occurs inside a UTF-8 sequence) and carries a CR that ends one chunk into the next.
 */
export async function* normaliseNewlines(input: ByteChunks): AsyncGenerator<Buffer> {
  let pendingCr = false;
  for await (const chunk of input) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    if (!pendingCr && !bytes.includes(CR)) {
      if (bytes.length > 0) yield bytes;
      continue;
    }
    const out = Buffer.allocUnsafe(bytes.length + 1);
    let written = 0;
    let index = 0;
    if (pendingCr) {
      out[written++] = LF;
      if (bytes[0] === LF) index = 1;
      pendingCr = false;
    }
    for (; index < bytes.length; index += 1) {
      if (bytes[index] !== CR) out[written++] = bytes[index];
      else if (index + 1 === bytes.length) pendingCr = true;
      else {
        out[written++] = LF;
        if (bytes[index + 1] === LF) index += 1;
      }
    }
    if (written > 0) yield out.subarray(0, written);
  }
  if (pendingCr) yield Buffer.from([LF]);
}
