import type { TextLine } from '../text-lines.js';

/**
 * The pieces an MT940 file is made of, once its physical lines are grouped: fields (a tag such as
 * "61" or "60F" and its lines), statement ends ("-" lines and the "-}" that closes a SWIFT message) and
 * lines that belong to nothing. The SWIFT envelope blocks ({1:...}{2:...}{4:) are unwrapped here.
 */
export type Mt940Piece =
  | { readonly kind: 'field'; readonly tag: string; readonly line: number; readonly lines: readonly string[] }
  | { readonly kind: 'end'; readonly line: number }
  | { readonly kind: 'stray'; readonly line: number; readonly text: string; readonly reason: string };

const tagPattern = /^:(\d{2}[A-Z]?|NS):/;

/**
 * Lines a field may have. SWIFT allows :86: six lines of 65 characters, but German banks write more (up to
 * ?63); a cap still keeps one runaway field (a file without tags after some point) from growing memory.
 */
export const informationLinesMax = 50;

function linesAllowed(tag: string): number {
  if (tag === '86' || tag === 'NS') return informationLinesMax;
  // The statement line and its optional supplementary details.
  if (tag === '61') return 2;
  return 1;
}

export async function* mt940Pieces(lines: AsyncIterable<TextLine>): AsyncGenerator<Mt940Piece> {
  let field: { tag: string; line: number; lines: string[] } | undefined;
  function* closeField(): Generator<Mt940Piece> {
    if (field !== undefined) yield { kind: 'field', ...field };
    field = undefined;
  }
  for await (const { line, text: physical } of lines) {
    let text = physical;
    if (text.startsWith('-}')) {
      yield* closeField();
      yield { kind: 'end', line };
      text = text.slice(2);
    }
    if (text.startsWith('{')) {
      // Header blocks; the message text (block 4) may start on the same line, after "{4:".
      const body = text.indexOf('{4:');
      text = body < 0 ? '' : text.slice(body + 3);
    }
    if (text.trim() === '') continue;
    if (text.trim() === '-') {
      yield* closeField();
      yield { kind: 'end', line };
      continue;
    }
    // Some exports indent every line; a continuation keeps its spaces, which may be part of the text.
    const tag = tagPattern.exec(text.trimStart());
    if (tag !== null) {
      yield* closeField();
      field = { tag: tag[1], line, lines: [text.trimStart().slice(tag[0].length)] };
      continue;
    }
    if (field !== undefined && field.lines.length < linesAllowed(field.tag)) {
      field.lines.push(text);
      continue;
    }
    const reason = strayReason(field?.tag);
    // The field is full: close it first, so items stay in the order of their lines.
    yield* closeField();
    yield { kind: 'stray', line, text, reason };
  }
  yield* closeField();
}

function strayReason(openTag: string | undefined): string {
  const notAField = 'not an MT940 field (a field starts with a tag such as :61:)';
  if (openTag === undefined) return notAField;
  if (openTag === '61') return `${notAField}, and :61: has one supplementary line at most`;
  const allowed = linesAllowed(openTag);
  if (allowed === 1) return `${notAField}, and :${openTag}: has one line only`;
  return `${notAField}, and :${openTag}: has at most ${allowed} lines`;
}
