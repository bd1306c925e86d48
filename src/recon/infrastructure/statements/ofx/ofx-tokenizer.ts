/** A tag or the text between tags, with the physical line where it starts. Tag names are uppercase. */
export type OfxToken =
  | { readonly kind: 'open'; readonly name: string; readonly line: number; readonly selfClosing: boolean }
  | { readonly kind: 'close'; readonly name: string; readonly line: number }
  | { readonly kind: 'text'; readonly text: string };

/** The file cannot be read on: a tag never ends, or text runs on without any tag. */
export class OfxSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

/** No OFX value or tag comes near this; more without a '<' or '>' is a corrupt or truncated file. */
const pendingCharsMax = 1_048_576;

const tagPattern = /^<(\/?)\s*([A-Za-z][\w.:-]*)[^<>]*?(\/?)>$/;
const entityPattern = /&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g;
const lineEndPattern = /\r*\n|\r/g;
const namedEntities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const specialMarkup = [['<!--', '-->'], ['<![CDATA[', ']]>'], ['<?', '?>']] as const;

/**
 * Splits decoded OFX text (1.x SGML or 2.x XML, on one line or many) into tags and text, chunk by chunk,
 * holding only the token not yet complete. Processing instructions (<?xml?>, <?OFX?>) and comments are
 * skipped; the 1.x plain-text header comes out as text before the first tag. Lines end as in textLines
 * (LF, CR LF, a lone CR, CR CR LF): a line end never straddles two consumed pieces, because text is
 * consumed only up to the next '<'.
 */
export class OfxTokenizer {
  private pending = '';
  private line = 1;
  /** Text read since the last tag (a '<' that starts no tag, as in "<3 payment", belongs to it). */
  private text = '';

  *write(chunk: string): Generator<OfxToken> {
    this.pending += chunk;
    yield* this.drain(false);
  }

  *end(): Generator<OfxToken> {
    yield* this.drain(true);
    yield* this.flushText();
  }

  private *drain(final: boolean): Generator<OfxToken> {
    const input = this.pending;
    let at = 0;
    while (at < input.length) {
      if (input.charCodeAt(at) !== 60 /* < */) {
        let next = input.indexOf('<', at);
        if (next === -1) {
          if (!final) break;
          next = input.length;
        }
        this.takeText(input.slice(at, next));
        at = next;
        continue;
      }
      const end = markupEnd(input, at);
      if (end === undefined) {
        if (!final) break;
        // The file is cut off inside a tag; a "<" that starts no tag ("<3" at the very end) is only text.
        if (/^<\/?[A-Za-z!?]/.test(input.slice(at, at + 3))) throw new OfxSyntaxError(this.line, 'the file ends inside a tag');
        this.takeText(input.slice(at));
        at = input.length;
        break;
      }
      const markup = input.slice(at, end);
      at = end;
      if (markup.startsWith('<![CDATA[')) {
        this.text += markup.slice(9, -3);
        this.line += lineEnds(markup);
        continue;
      }
      if (markup.startsWith('<?') || markup.startsWith('<!')) {
        this.line += lineEnds(markup);
        continue;
      }
      const tag = tagPattern.exec(markup);
      if (tag === null) {
        this.takeText(markup);
        continue;
      }
      yield* this.flushText();
      const name = tag[2].toUpperCase();
      yield tag[1] === '/' ? { kind: 'close', name, line: this.line } : { kind: 'open', name, line: this.line, selfClosing: tag[3] === '/' };
      this.line += lineEnds(markup);
    }
    this.pending = input.slice(at);
    if (this.pending.length + this.text.length > pendingCharsMax) {
      throw new OfxSyntaxError(this.line, `more than ${pendingCharsMax} characters without a complete tag`);
    }
  }

  private takeText(raw: string): void {
    this.text += raw;
    this.line += lineEnds(raw);
  }

  private *flushText(): Generator<OfxToken> {
    const text = this.text.trim();
    this.text = '';
    if (text.length > 0) yield { kind: 'text', text: decodeEntities(text) };
  }
}

/** Index just after the markup starting at `start`, undefined when it may end in a later chunk. */
function markupEnd(input: string, start: number): number | undefined {
  const second = input.charCodeAt(start + 1);
  if (second === 33 /* ! */ || second === 63 /* ? */ || Number.isNaN(second)) {
    for (const [opener, terminator] of specialMarkup) {
      if (input.startsWith(opener, start)) {
        const found = input.indexOf(terminator, start + opener.length);
        return found === -1 ? undefined : found + terminator.length;
      }
      // A chunk may end inside the opener itself ("<!-"): wait for more rather than misread it as a tag.
      if (input.length - start < opener.length && opener.startsWith(input.slice(start))) return undefined;
    }
  }
  const close = input.indexOf('>', start + 1);
  const nextOpen = input.indexOf('<', start + 1);
  // A '<' before the '>' means the first '<' opened no tag (text such as "<3"): it ends as text there.
  if (nextOpen !== -1 && (close === -1 || nextOpen < close)) return nextOpen;
  return close === -1 ? undefined : close + 1;
}

function lineEnds(text: string): number {
  if (text.indexOf('\n') === -1 && text.indexOf('\r') === -1) return 0;
  return text.match(lineEndPattern)?.length ?? 0;
}

function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(entityPattern, (whole, name: string) => {
    if (name.startsWith('#')) {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return namedEntities[name];
  });
}
