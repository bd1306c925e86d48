import { bai2Format } from './bai2/bai2-format.js';
import { camt053Format } from './camt053/camt053-format.js';
import { mt940Format } from './mt940/mt940-format.js';
import { ofxFormat } from './ofx/ofx-format.js';
import type { StatementFormat } from './statement-format.js';

/** Every statement format Tally reads; each is a source `type` of its own. */
export const statementFormats: readonly StatementFormat[] = [mt940Format, camt053Format, ofxFormat, bai2Format];

/** How many bytes a file's format is judged by. */
export const sniffBytes = 4_096;

const binaryMagics: readonly { readonly name: string; readonly bytes: Buffer }[] = [
  { name: 'a PDF document', bytes: Buffer.from('%PDF', 'latin1') },
  // XLSX and ODS spreadsheets are ZIP archives.
  { name: 'a ZIP archive or spreadsheet', bytes: Buffer.from([0x50, 0x4b, 0x03, 0x04]) },
  { name: 'a legacy Excel workbook', bytes: Buffer.from([0xd0, 0xcf, 0x11, 0xe0]) },
];

/**
 * What the first bytes of a file look like: a statement format's type, a binary document no source
 * reads, or undefined (text, e.g. CSV). A stray NUL in a CSV cell is a row problem, not a binary file.
 */
export function sniffFileFormat(head: Buffer): string | undefined {
  const found = statementFormats.find((format) => format.sniff(head));
  if (found) return found.type;
  return binaryMagics.find((magic) => head.subarray(0, magic.bytes.length).equals(magic.bytes))?.name;
}
