import iconv from 'iconv-lite';
import { DomainError } from '../../../../common/errors/domain-error.js';
import { readOfxHeader, reachesOfxRoot, type OfxHeader } from './ofx-header.js';

/** Real headers are a few hundred bytes; an <OFX> root further in than this is not an OFX file. */
const headBytesMax = 65_536;

export interface OfxText {
  readonly header: OfxHeader;
  /** The whole file (header included, so line numbers count from its first byte), decoded chunk by chunk. */
  readonly chunks: AsyncIterable<string>;
}

/**
 * Reads just enough of `input` to know it is OFX and how it is encoded, then hands back the decoded text
 * of the whole file as a stream. Throws RECON_FORMAT_MISMATCH before anything is read on when the start
 * of the file is not OFX.
 */
export async function openOfxText(input: AsyncIterable<Buffer>, sourceName: string, fallbackEncoding?: string): Promise<OfxText> {
  const source = input[Symbol.asyncIterator]();
  const head: Buffer[] = [];
  let headBytes = 0;
  let ended = false;
  while (headBytes < headBytesMax) {
    const next = await source.next();
    if (next.done === true) {
      ended = true;
      break;
    }
    head.push(next.value);
    headBytes += next.value.length;
    if (reachesOfxRoot(latin1(head))) break;
  }
  const headText = latin1(head);
  const header = readOfxHeader(headText, fallbackEncoding);
  if (header === undefined || !reachesOfxRoot(headText)) {
    throw new DomainError(
      'RECON_FORMAT_MISMATCH',
      'validation',
      `${sourceName}: not an OFX file (expected an "OFXHEADER:100" header or an <?OFX ...?> instruction, then an <OFX> element within the first ${headBytesMax} bytes)`,
    );
  }
  return { header, chunks: decoded(head, ended ? undefined : source, header.encoding) };
}

async function* decoded(head: Buffer[], rest: AsyncIterator<Buffer> | undefined, encoding: string): AsyncGenerator<string> {
  const decoder = iconv.getDecoder(encoding, { stripBOM: true });
  yield decoder.write(Buffer.concat(head));
  if (rest !== undefined) {
    try {
      for (;;) {
        const next = await rest.next();
        if (next.done === true) break;
        yield decoder.write(next.value);
      }
    } finally {
      // A reader that stops early (an error further on) must still release the file.
      await rest.return?.();
    }
  }
  const tail = decoder.end();
  if (tail) yield tail;
}

function latin1(chunks: Buffer[]): string {
  return Buffer.concat(chunks).toString('latin1');
}
