import type { SourceItem } from '../../../domain/recon-source.js';
import type { StatementFormat, StatementParseOptions } from '../statement-format.js';
import { OfxElements } from './ofx-elements.js';
import { readOfxHeader } from './ofx-header.js';
import { openOfxText } from './ofx-input.js';
import { OfxStatementReader, ofxVocabulary } from './ofx-statement-reader.js';
import { OfxSyntaxError, OfxTokenizer, type OfxToken } from './ofx-tokenizer.js';

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
    // The items of one chunk, gathered synchronously: `yield*` of a sync generator inside this async one
    // would cost a promise round trip per token, most of which yield nothing.
    const itemsOf = (tokens: Iterable<OfxToken>): SourceItem[] => {
      const items: SourceItem[] = [];
      for (const token of tokens) {
        for (const event of elements.accept(token)) items.push(...reader.accept(event));
      }
      return items;
    };
    try {
      for await (const chunk of chunks) yield* itemsOf(tokenizer.write(chunk));
      yield* itemsOf(tokenizer.end());
    } catch (error) {
      if (!(error instanceof OfxSyntaxError)) throw error;
      // What was read stays read; what is still open is reported as cut off by the end below.
      yield { kind: 'rejected', line: error.line, location: 'file', reason: `${error.message}; the rest of the file was not read` };
    }
    for (const event of elements.end()) yield* reader.accept(event);
    yield* reader.end();
  },
};
