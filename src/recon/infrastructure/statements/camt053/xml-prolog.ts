import iconv from 'iconv-lite';
import { SaxesParser } from 'saxes';

/** What the first bytes of an XML file say about it, read by a real XML parser (never by pattern matching). */
export interface XmlProlog {
  /** The iconv-lite name to decode the whole file with. */
  readonly encoding: string;
  /** Local names of the root element and of its first child element, when the head reaches them. */
  readonly root?: string;
  readonly firstChild?: string;
  /**
   * False when the first character after a BOM and whitespace is not '<': then it is no XML at all (a CSV,
   * MT940), said at once instead of after the parser has buffered the whole file as stray text.
   */
  readonly startsWithMarkup: boolean;
}

/** Enough for the XML declaration and the first two elements of any camt file (the group header follows them). */
export const prologBytes = 4096;

/**
 * Reads the encoding (byte order mark, UTF-16 byte pattern, else the XML declaration; UTF-8 when none
 * says otherwise, as XML 1.0 appendix F does) and the first two element names from the head of a file.
 * The head is decoded as ISO-8859-1 first: the declaration is ASCII, and every byte decodes to some
 * character, so the parser sees the declaration whatever the real encoding is.
 */
export function readXmlProlog(head: Buffer): XmlProlog {
  const family = byteFamily(head);
  const parser = new SaxesParser({ xmlns: true });
  let declared: string | undefined;
  const names: string[] = [];
  parser.on('xmldecl', (declaration) => {
    declared = declaration.encoding;
  });
  parser.on('opentag', (tag) => {
    if (names.length < 2) names.push(tag.local);
  });
  const text = iconv.decode(head, family ?? 'latin1', { stripBOM: true }).trimStart();
  try {
    parser.write(text);
  } catch {
    // A head that is not well-formed XML names no root; the full parse says why.
  }
  return { encoding: family ?? declared?.toLowerCase() ?? 'utf-8', root: names[0], firstChild: names[1], startsWithMarkup: text === '' || text.startsWith('<') };
}

/** The encoding the bytes themselves show (a BOM, or '<?' in UTF-16); undefined for ASCII-compatible files. */
function byteFamily(head: Buffer): string | undefined {
  const [a, b, c, d] = head;
  if (a === 0xef && b === 0xbb && c === 0xbf) return 'utf-8';
  if ((a === 0xff && b === 0xfe) || (a === 0x3c && b === 0x00 && c === 0x3f && d === 0x00)) return 'utf-16le';
  if ((a === 0xfe && b === 0xff) || (a === 0x00 && b === 0x3c && c === 0x00 && d === 0x3f)) return 'utf-16be';
  return undefined;
}
