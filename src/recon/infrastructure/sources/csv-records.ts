import { csvRecordCharsMax } from '../../domain/limits.js';
import type { TextLine } from '../statements/text-lines.js';

/** One CSV record (starting on `line`, possibly spanning lines) or a line that cannot start one. */
export type CsvRecordItem =
  | { readonly kind: 'row'; readonly fields: string[]; readonly line: number; readonly raw: string }
  | { readonly kind: 'broken'; readonly line: number; readonly raw: string; readonly reason: string };

/** A quoted field may hold line breaks, but a description rarely spans more than a few lines. */
export const recordLinesMax = 100;

/**
 * Splits physical lines into records. Quoted fields may hold delimiters, doubled quotes and line breaks
 * (kept as "\n"); a quote inside an unquoted field (ACME "BIG" LTD) is plain text. A quote that opens
 * and never closes would otherwise swallow the rest of the file: a record spanning lines is only
 * accepted when it closes cleanly with the expected column count, otherwise its first line is
 * rejected and reading resumes on the next line. Empty lines are skipped.
 */
export async function* csvRecords(
  lines: AsyncIterable<TextLine>,
  delimiter: string,
  columnCount: number | undefined,
): AsyncGenerator<CsvRecordItem> {
  const pending: TextLine[] = [];
  let builder = new RecordBuilder(delimiter);
  function* drain(atEnd: boolean): Generator<CsvRecordItem> {
    for (;;) {
      if (builder.lines === pending.length) {
        if (!atEnd || builder.lines === 0) return;
        yield brokenLine(pending.shift()!, builder.firstOpenColumn, 'the file ends first');
        builder = new RecordBuilder(delimiter);
        continue;
      }
      const next = pending[builder.lines];
      if (builder.lines === 0 && next.text === '') {
        pending.shift();
        continue;
      }
      if (!builder.feed(next.text)) {
        if (builder.chars > csvRecordCharsMax || builder.lines > recordLinesMax) {
          yield brokenLine(pending.shift()!, builder.firstOpenColumn, `no closing quote within ${csvRecordCharsMax} characters or ${recordLinesMax} lines`);
          builder = new RecordBuilder(delimiter);
        }
        continue;
      }
      const used = pending.splice(0, builder.lines);
      const done = builder;
      builder = new RecordBuilder(delimiter);
      if (used.length > 1 && (done.strayColumn !== undefined || (columnCount !== undefined && done.fields.length !== columnCount))) {
        yield brokenLine(used[0], done.firstOpenColumn, 'the lines after it do not continue a quoted field');
        pending.unshift(...used.slice(1));
        continue;
      }
      yield rowItem(done, used);
    }
  }
  for await (const line of lines) {
    pending.push(line);
    yield* drain(false);
  }
  yield* drain(true);
}

/** The fields of one physical line, for finding the header: an unclosed quote simply runs to the line end. */
export function splitLine(text: string, delimiter: string): string[] {
  const builder = new RecordBuilder(delimiter);
  // An open quote has already added the line break it expects to continue after: drop it.
  return builder.feed(text) ? builder.fields : [...builder.fields, builder.field.slice(0, -1)];
}

function rowItem(builder: RecordBuilder, used: readonly TextLine[]): CsvRecordItem {
  const raw = used.map((line) => line.text).join('\n');
  const line = used[0].line;
  if (builder.chars > csvRecordCharsMax) return { kind: 'broken', line, raw, reason: `the record is longer than ${csvRecordCharsMax} characters` };
  if (builder.strayColumn !== undefined) {
    return { kind: 'broken', line, raw, reason: `column ${builder.strayColumn + 1} has text after its closing quote` };
  }
  return { kind: 'row', fields: builder.fields, line, raw };
}

function brokenLine(line: TextLine, column: number | undefined, why: string): CsvRecordItem {
  const where = column === undefined ? '' : ` in column ${column + 1}`;
  return {
    kind: 'broken',
    line: line.line,
    raw: line.text,
    reason: `an opening quote${where} is never closed (${why}); the line is rejected and reading resumes on the next line`,
  };
}

/** Fed one physical line at a time; complete when a line ends outside quotes. */
class RecordBuilder {
  fields: string[] = [];
  field = '';
  lines = 0;
  chars = 0;
  /** The column whose quote is open now, and the first one that stayed open across a line end. */
  openColumn: number | undefined;
  firstOpenColumn: number | undefined;
  /** The first column with text after its closing quote ("abc"def). */
  strayColumn: number | undefined;
  private inQuotes = false;
  private closedQuote = false;

  constructor(private readonly delimiter: string) {}

  feed(text: string): boolean {
    this.lines += 1;
    this.chars += text.length + 1;
    for (let index = 0; index < text.length; index += 1) {
      const char = text[index];
      if (this.inQuotes) {
        if (char !== '"') this.field += char;
        else if (text[index + 1] === '"') {
          this.field += '"';
          index += 1;
        } else [this.inQuotes, this.closedQuote, this.openColumn] = [false, true, undefined];
      } else if (char === this.delimiter) {
        this.fields.push(this.field);
        [this.field, this.closedQuote] = ['', false];
      } else if (char === '"' && this.field === '' && !this.closedQuote) {
        [this.inQuotes, this.openColumn] = [true, this.fields.length];
      } else {
        if (this.closedQuote) this.strayColumn ??= this.fields.length;
        this.field += char;
      }
    }
    if (this.inQuotes) {
      this.field += '\n';
      this.firstOpenColumn ??= this.openColumn;
      return false;
    }
    this.fields.push(this.field);
    return true;
  }
}
