import type { TextLine } from '../text-lines.js';

/**
 * One logical BAI2 record: a physical record plus the 88 continuation records that follow it. `pieces`
 * holds the content of each physical record after its record code, without padding and without the
 * closing '/': a field never spans two physical records (except the 16 text), so piece ends are field ends.
 */
export interface Bai2Record {
  /** The two-character record code ('01', '16', ...), or whatever stood before the first ',' or '/'. */
  readonly code: string;
  readonly pieces: string[];
  /** 1-based physical line of the first physical record. */
  readonly line: number;
  /** Physical records (the record and its 88s): trailers count these. */
  physicalRecords: number;
  /** The first physical record as it was, for rejection reports. */
  readonly raw: string;
  /** Set when the continuations made the record larger than `bai2RecordCharsMax`; later pieces are dropped. */
  tooLong?: boolean;
}

/** An 88 that follows no record it could continue (the file start, or a trailer). */
export interface Bai2OrphanContinuation {
  readonly code: '88';
  readonly orphan: true;
  readonly line: number;
  readonly raw: string;
  /** The record the 88 followed, for the message. */
  readonly after?: { readonly code: string; readonly line: number };
}

/** A 16 record with a few dozen 88s of remittance text is normal; megabytes of them are a corrupt file. */
export const bai2RecordCharsMax = 65_536;

/** Trailers have fixed fields: an 88 after one continues nothing. */
const notContinuable = new Set(['49', '98', '99']);

/**
 * Groups physical lines into logical records. A record is complete only when the next non-88 line (or
 * the end) arrives, so it is yielded one line late; blank lines (block padding) are skipped and counted
 * nowhere.
 */
export async function* bai2Records(lines: AsyncIterable<TextLine>): AsyncGenerator<Bai2Record | Bai2OrphanContinuation> {
  let pending: Bai2Record | undefined;
  let pendingChars = 0;
  for await (const { line, text } of lines) {
    const trimmed = text.trimEnd();
    if (trimmed.trim() === '') continue;
    const { code, content } = splitRecord(trimmed);
    if (code !== '88') {
      if (pending !== undefined) yield pending;
      pending = { code, pieces: [content], line, physicalRecords: 1, raw: trimmed };
      pendingChars = content.length;
      continue;
    }
    if (pending === undefined || notContinuable.has(pending.code)) {
      const after = pending === undefined ? undefined : { code: pending.code, line: pending.line };
      if (pending !== undefined) yield pending;
      pending = undefined;
      yield { code: '88', orphan: true, line, raw: trimmed, after };
      continue;
    }
    pending.physicalRecords += 1;
    pendingChars += content.length;
    if (pendingChars > bai2RecordCharsMax) pending.tooLong = true;
    else pending.pieces.push(content);
  }
  if (pending !== undefined) yield pending;
}

/** "16,195,100,0,REF,,TEXT/" → code '16', content "195,100,0,REF,,TEXT". */
function splitRecord(text: string): { code: string; content: string } {
  const body = text.endsWith('/') ? text.slice(0, -1) : text;
  const match = /^([^,/]*)[,/]?/.exec(body)!;
  return { code: match[1].trim(), content: body.slice(match[0].length) };
}
