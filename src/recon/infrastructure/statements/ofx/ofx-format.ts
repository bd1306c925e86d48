import type { SourceItem } from '../../../domain/recon-source.js';
import type { StatementFormat, StatementParseOptions } from '../statement-format.js';
import { OfxElements, type OfxElementEvent } from './ofx-elements.js';
import { readOfxHeader } from './ofx-header.js';
import { openOfxText } from './ofx-input.js';
import { OfxStatementReader, ofxVocabulary } from './ofx-statement-reader.js';
import { OfxSyntaxError, OfxTokenizer } from './ofx-tokenizer.js';

/**
 * OFX 1.x (SGML) and 2.x (XML) bank and credit-card statements. The file streams through three small
 * stages: decoded text to tags (OfxTokenizer), tags to elements (OfxElements, which supplies the end tags
 * SGML leaves out), elements to records and balances (OfxStatementReader).
 */
export const ofxFormat: StatementFormat = {
  type: 'ofx',

  sniff(head: Buffer): boolean {
    return readOfxHeader(head.subarray(0, 4096).toString('latin1')) !== undefined;
  },

  async *parse(input: AsyncIterable<Buffer>, options: StatementParseOptions): AsyncIterable<SourceItem> {
    const { header, chunks } = await openOfxText(input, options.sourceName, options.encoding);
    if (header.problem !== undefined) yield { kind: 'rejected', line: 1, location: 'OFX header', reason: header.problem };
    const tokenizer = new OfxTokenizer();
    const elements = new OfxElements(ofxVocabulary);
    const reader = new OfxStatementReader(options);
    const read = function* (events: Iterable<OfxElementEvent>): Generator<SourceItem> {
      for (const event of events) yield* reader.accept(event);
    };
    try {
      for await (const chunk of chunks) {
        for (const token of tokenizer.write(chunk)) yield* read(elements.accept(token));
      }
      for (const token of tokenizer.end()) yield* read(elements.accept(token));
    } catch (error) {
      if (!(error instanceof OfxSyntaxError)) throw error;
      // What was read stays read; what is still open is reported as cut off by the end below.
      yield { kind: 'rejected', line: error.line, location: 'file', reason: `${error.message}; the rest of the file was not read` };
    }
    yield* read(elements.end());
    yield* reader.end();
  },
};
