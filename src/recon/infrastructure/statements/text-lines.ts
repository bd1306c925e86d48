import iconv from 'iconv-lite';

export interface TextLine {
  /** 1-based physical line number, as an editor shows it. */
  readonly line: number;
  readonly text: string;
}

/**
 * Decodes `input` with `encoding` (any iconv-lite name; a UTF-8 BOM is dropped) and yields its lines.
 * A line ends at LF, CR LF, a lone CR, or CR CR LF: exports written by a CR LF program on a system that
 * added its own CR end lines with CR CR LF, and counting that as two line ends shifts every line number.
 */
export async function* textLines(input: AsyncIterable<Buffer>, encoding = 'utf-8'): AsyncGenerator<TextLine> {
  const decoder = iconv.getDecoder(encoding, { stripBOM: true });
  let pending = '';
  let line = 0;
  for await (const chunk of input) {
    pending += decoder.write(chunk);
    let start = 0;
    for (;;) {
      const end = lineEnd(pending, start);
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

/** The end of the line starting at `start`, or undefined when more input could still change it. */
function lineEnd(text: string, start: number): { at: number; next: number } | undefined {
  for (let index = start; index < text.length; index += 1) {
    const char = text.charCodeAt(index);
    if (char === 10) return { at: index, next: index + 1 };
    if (char !== 13) continue;
    let after = index + 1;
    while (after < text.length && text.charCodeAt(after) === 13) after += 1;
    // CRs at the end of the buffer: wait, an LF may follow in the next chunk.
    if (after === text.length) return undefined;
    if (text.charCodeAt(after) === 10) return { at: index, next: after + 1 };
    // CRs not followed by LF: a lone CR ends a line; CR CR without LF counts as two ends.
    return { at: index, next: index + 1 };
  }
  return undefined;
}
