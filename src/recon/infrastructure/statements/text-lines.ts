import { isAscii } from 'node:buffer';
import iconv from 'iconv-lite';

export interface TextLine {
  /** 1-based physical line number, as an editor shows it. */
  readonly line: number;
  readonly text: string;
}

/** What a file without a configured encoding is read as: UTF-8, and a line that is not UTF-8 as Windows-1252. */
export const defaultEncodingDescription = 'utf-8 (a line that is not valid UTF-8: windows-1252)';

/**
 * Decodes `input` and yields its lines. With `encoding` (any iconv-lite name; a UTF-8 BOM is dropped) the whole
 * input is decoded with it. Without one, each line is UTF-8 when its bytes are valid UTF-8 and Windows-1252
 * otherwise: a Latin-1 or CP1252 export read as UTF-8 would otherwise turn every "ü" into U+FFFD, quietly, and
 * no valid UTF-8 line is ever read another way (a CP1252 line with accents is almost never valid UTF-8).
 * A line ends at LF, CR LF, a lone CR, or CR CR LF: exports written by a CR LF program on a system that
 * added its own CR end lines with CR CR LF, and counting that as two line ends shifts every line number.
 */
export async function* textLines(input: AsyncIterable<Buffer>, encoding?: string): AsyncGenerator<TextLine> {
  yield* encoding === undefined ? lineByLine(input) : decodedWhole(input, encoding);
}

async function* decodedWhole(input: AsyncIterable<Buffer>, encoding: string): AsyncGenerator<TextLine> {
  const decoder = iconv.getDecoder(encoding, { stripBOM: true });
  let pending = '';
  let line = 0;
  const at = (index: number) => pending.charCodeAt(index);
  for await (const chunk of input) {
    pending += decoder.write(chunk);
    let start = 0;
    for (;;) {
      const end = lineEnd(start, pending.length, at);
      if (end === undefined) break;
      line += 1;
      yield { line, text: pending.slice(start, end.at) };
      start = end.next;
    }
    pending = pending.slice(start);
  }
  pending += decoder.end() ?? '';
  // A trailing run of CRs with nothing after it is the file's last line end.
  const rest = pending.replace(/\r+$/, '');
  if (rest.length > 0 || pending.length > 0) {
    line += 1;
    yield { line, text: rest };
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const utf8Bom = Buffer.from([0xef, 0xbb, 0xbf]);

/** Line ends are the same bytes in UTF-8 and Windows-1252, so lines are cut as bytes and decoded one by one. */
async function* lineByLine(input: AsyncIterable<Buffer>): AsyncGenerator<TextLine> {
  let pending: Buffer = Buffer.alloc(0);
  let line = 0;
  const at = (index: number) => pending[index];
  const decode = (bytes: Buffer) => {
    const text = line === 1 && bytes.subarray(0, 3).equals(utf8Bom) ? bytes.subarray(3) : bytes;
    // Most lines of most exports are ASCII: the same text in both encodings, decoded without a check.
    if (isAscii(text)) return text.toString('latin1');
    try {
      return utf8.decode(text);
    } catch {
      return iconv.decode(text, 'windows-1252');
    }
  };
  for await (const chunk of input) {
    pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
    let start = 0;
    for (;;) {
      const end = lineEnd(start, pending.length, at);
      if (end === undefined) break;
      line += 1;
      yield { line, text: decode(pending.subarray(start, end.at)) };
      start = end.next;
    }
    pending = pending.subarray(start);
  }
  let last = pending.length;
  while (last > 0 && pending[last - 1] === 13) last -= 1;
  if (pending.length > 0) {
    line += 1;
    yield { line, text: decode(pending.subarray(0, last)) };
  }
}

/**
 * The end of the line starting at `start` in a text or byte sequence of `length` read through `at`, or
 * undefined when more input could still change it.
 */
function lineEnd(start: number, length: number, at: (index: number) => number): { at: number; next: number } | undefined {
  for (let index = start; index < length; index += 1) {
    const char = at(index);
    if (char === 10) return { at: index, next: index + 1 };
    if (char !== 13) continue;
    let after = index + 1;
    while (after < length && at(after) === 13) after += 1;
    // CRs at the end of the buffer: wait, an LF may follow in the next chunk.
    if (after === length) return undefined;
    if (at(after) === 10) return { at: index, next: after + 1 };
    // CRs not followed by LF: a lone CR ends a line; CR CR without LF counts as two ends.
    return { at: index, next: index + 1 };
  }
  return undefined;
}
