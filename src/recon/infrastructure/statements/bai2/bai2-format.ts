import { DomainError } from '../../../../common/errors/domain-error.js';
import type { SourceItem } from '../../../domain/recon-source.js';
import type { StatementFormat, StatementParseOptions } from '../statement-format.js';
import { textLines } from '../text-lines.js';
import { Bai2Reader } from './bai2-reader.js';
import { bai2Records } from './bai2-records.js';

const utf8Bom = Buffer.from([0xef, 0xbb, 0xbf]);

/**
 * BAI Version 2 cash management balance reporting (also BTRS version 3, which keeps its records): file
 * 01..99, groups 02..98 with one as-of date, accounts 03..49 with balances and summaries, 16 transaction
 * details, 88 continuations. See docs/formats/bai2.md for how each field maps.
 */
export const bai2Format: StatementFormat = {
  type: 'bai2',

  sniff(head: Buffer): boolean {
    const firstLine = /^[^\r\n]*/.exec(leadingText(head))![0];
    // 01,sender,receiver,YYMMDD creation date,HHMM creation time,...
    return /^01,[^,/]*,[^,/]*,\d{6},\d{0,4},/.test(firstLine);
  },

  parse(input: AsyncIterable<Buffer>, options: StatementParseOptions): AsyncIterable<SourceItem> {
    return parseBai2(input, options);
  },
};

async function* parseBai2(input: AsyncIterable<Buffer>, options: StatementParseOptions): AsyncGenerator<SourceItem> {
  const reader = new Bai2Reader(options);
  for await (const record of bai2Records(textLines(refuseOtherFormats(input, options.sourceName), options.encoding))) {
    yield* reader.read(record);
  }
  yield* reader.end();
}

/**
 * Looks at the first bytes before any line is decoded: a file without line ends (an image, a zip) would
 * otherwise be buffered whole as one line before the first record could be refused.
 */
async function* refuseOtherFormats(input: AsyncIterable<Buffer>, sourceName: string): AsyncGenerator<Buffer> {
  const held: Buffer[] = [];
  let checked = false;
  for await (const chunk of input) {
    if (checked) {
      yield chunk;
      continue;
    }
    held.push(chunk);
    const text = leadingText(Buffer.concat(held));
    if (text.length < 3) continue;
    checked = true;
    if (!text.startsWith('01,') && !text.startsWith('01/')) throw notBai2(sourceName, text);
    yield* held;
  }
  if (!checked) throw notBai2(sourceName, leadingText(Buffer.concat(held)));
}

function notBai2(sourceName: string, text: string): DomainError {
  const start = JSON.stringify(text.slice(0, 20));
  return new DomainError('RECON_FORMAT_MISMATCH', 'validation', `${sourceName}: not a BAI2 file: it must start with a file header record (01), it starts with ${start}`);
}

/** The head as ASCII-compatible text without a UTF-8 BOM and leading whitespace. */
function leadingText(head: Buffer): string {
  const body = head.subarray(0, utf8Bom.length).equals(utf8Bom) ? head.subarray(utf8Bom.length) : head;
  return body.toString('latin1').trimStart();
}
