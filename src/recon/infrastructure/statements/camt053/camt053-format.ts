import iconv from 'iconv-lite';
import { DomainError } from '../../../../common/errors/domain-error.js';
import type { SourceItem } from '../../../domain/recon-source.js';
import type { StatementFormat, StatementParseOptions } from '../statement-format.js';
import { notCamtBecause } from './camt-message.js';
import { CamtReader } from './camt-reader.js';
import { prologBytes, readXmlProlog } from './xml-prolog.js';

/**
 * ISO 20022 camt.053 bank-to-customer statements (versions .001.02 to .001.08) and camt.054 debit/credit
 * notifications, read as a stream with a namespace-aware XML parser. See docs/formats/camt053.md.
 */
export const camt053Format: StatementFormat = {
  type: 'camt053',
  sniff(head: Buffer): boolean {
    const prolog = readXmlProlog(head.subarray(0, prologBytes));
    return prolog.startsWithMarkup && notCamtBecause(prolog.root, prolog.firstChild) === undefined;
  },
  parse: parseCamt,
};

async function* parseCamt(input: AsyncIterable<Buffer>, options: StatementParseOptions): AsyncGenerator<SourceItem> {
  const chunks = input[Symbol.asyncIterator]();
  try {
    const { head, ended } = await readHead(chunks);
    if (head.length === 0) throw mismatch(options, 'the file is empty');
    const prolog = readXmlProlog(head);
    if (!prolog.startsWithMarkup) throw mismatch(options, "not XML (the first character is not '<')");
    if (!iconv.encodingExists(prolog.encoding)) {
      const why = notCamtBecause(prolog.root, prolog.firstChild);
      if (why !== undefined) throw mismatch(options, why);
      yield { kind: 'rejected', line: 1, location: 'XML declaration', reason: `encoding '${prolog.encoding}' is not supported; nothing in the file is read` };
      return;
    }
    const decoder = iconv.getDecoder(prolog.encoding, { stripBOM: true });
    const reader = new CamtReader(options);
    yield* reader.write(decoder.write(head));
    while (!ended && !reader.broken) {
      const next = await chunks.next();
      if (next.done === true) break;
      yield* reader.write(decoder.write(next.value));
    }
    if (reader.broken) return;
    yield* reader.write(decoder.end() ?? '');
    yield* reader.close();
  } finally {
    await chunks.return?.();
  }
}

function mismatch(options: StatementParseOptions, why: string): DomainError {
  return new DomainError('RECON_FORMAT_MISMATCH', 'validation', `${options.sourceName}: not a camt.053/054 file: ${why}`);
}

/** The first chunks, up to prologBytes or the end of the input, for reading the encoding before decoding. */
async function readHead(chunks: AsyncIterator<Buffer>): Promise<{ head: Buffer; ended: boolean }> {
  const parts: Buffer[] = [];
  let length = 0;
  while (length < prologBytes) {
    const next = await chunks.next();
    if (next.done === true) return { head: Buffer.concat(parts), ended: true };
    parts.push(next.value);
    length += next.value.length;
  }
  return { head: Buffer.concat(parts), ended: false };
}
