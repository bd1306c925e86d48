import type { SourceItem } from '../../domain/recon-source.js';

/** What a statement format needs beyond the bytes; every field comes from the source's configured options. */
export interface StatementParseOptions {
  /** The configured source's name, for messages. */
  readonly sourceName: string;
  /** Used when the file does not say (BAI2 files often leave the currency to the account's agreement). */
  readonly defaultCurrency?: string;
  /** For text formats that do not say their encoding: 'utf-8' (default), 'latin1' (ISO-8859-1) or 'win1252'. */
  readonly encoding?: string;
}

/**
 * One bank statement format (MT940, camt.053/054, OFX, BAI2). `parse` streams: it reads the file chunk by
 * chunk and yields each record as soon as its entry is complete, then each statement's balances after its
 * records. Every entry of the file is accounted for: it becomes a record or a rejected item naming where it
 * is (line, or entry index and element path) and why.
 */
export interface StatementFormat {
  /** The source `type` in RECON_SOURCES_FILE. */
  readonly type: string;
  /** Whether the first bytes (up to 4 KiB, possibly with a BOM) look like this format; for refusing uploads at once. */
  sniff(head: Buffer): boolean;
  parse(input: AsyncIterable<Buffer>, options: StatementParseOptions): AsyncIterable<SourceItem>;
}
