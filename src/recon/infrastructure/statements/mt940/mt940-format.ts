import { DomainError } from '../../../../common/errors/domain-error.js';
import type { SourceItem } from '../../../domain/recon-source.js';
import type { StatementFormat, StatementParseOptions } from '../statement-format.js';
import { textLines, type TextLine } from '../text-lines.js';
import { mt940Pieces } from './mt940-fields.js';
import { Mt940StatementReader } from './mt940-statement-reader.js';

/** A SWIFT envelope block ("{1:F01...") or a field tag (":20:", ":60F:"): how an MT940 file begins. */
const mt940Start = /^(\{\d:|:(\d{2}[A-Z]?|NS):)/;

/**
 * SWIFT MT940 customer statements: any number of statements, with or without the SWIFT envelope, as
 * text in the encoding the source configures (banks rarely say; German banks write ISO-8859-1).
 */
export const mt940Format: StatementFormat = {
  type: 'mt940',

  sniff(head: Buffer): boolean {
    // latin1 maps every byte to one character, so a UTF-8 BOM is three known characters and nothing fails to decode.
    const text = head.toString('latin1').replace(/^\u00ef\u00bb\u00bf/, '').trimStart();
    return mt940Start.test(text);
  },

  async *parse(input: AsyncIterable<Buffer>, options: StatementParseOptions): AsyncGenerator<SourceItem> {
    const reader = new Mt940StatementReader();
    for await (const piece of mt940Pieces(checkedStart(textLines(input, options.encoding), options.sourceName))) {
      yield* reader.accept(piece);
    }
    yield* reader.finish();
  },
};

/** Passes the lines on once the first non-blank one shows the file is MT940; throws before anything is yielded otherwise. */
async function* checkedStart(lines: AsyncIterable<TextLine>, sourceName: string): AsyncGenerator<TextLine> {
  let started = false;
  for await (const line of lines) {
    if (!started && line.text.trim() !== '') {
      if (!mt940Start.test(line.text.trimStart())) {
        throw new DomainError(
          'RECON_FORMAT_MISMATCH',
          'validation',
          `${sourceName}: not an MT940 statement: line ${line.line} should start with a field tag such as ":20:" or a SWIFT block "{1:", found "${line.text.trim().slice(0, 40)}"`,
        );
      }
      started = true;
    }
    yield line;
  }
  if (!started) throw new DomainError('RECON_FORMAT_MISMATCH', 'validation', `${sourceName}: the file is empty, not an MT940 statement`);
}
