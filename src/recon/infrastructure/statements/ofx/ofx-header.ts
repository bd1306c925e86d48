import iconv from 'iconv-lite';

/** What the bytes before <OFX> say about the file. */
export interface OfxHeader {
  readonly version: '1.x' | '2.x';
  /** iconv-lite name to decode the whole file with. */
  readonly encoding: string;
  /** Set when the declared charset is unknown and `encoding` is a fallback. */
  readonly problem?: string;
}

const utf8Bom = '\u00ef\u00bb\u00bf';
const sgmlHeader = /^OFXHEADER\s*:/i;
const xmlDeclaration = /^<\?xml\b([^>]*)\?>/i;
const ofxInstruction = /<\?OFX\b/i;
const ofxRoot = /<OFX\s*>/i;

/**
 * Reads the OFX header from the first bytes, viewed as ISO-8859-1 (headers are ASCII; the view never
 * fails). Undefined when the bytes are not OFX: a 1.x "OFXHEADER:" header, a 2.x XML declaration with
 * an <?OFX ...?> instruction (or a bare <OFX> root), or a file starting right at <OFX>.
 * `fallbackEncoding` is used where the file declares no charset.
 */
export function readOfxHeader(head: string, fallbackEncoding = 'utf-8'): OfxHeader | undefined {
  const bom = head.startsWith(utf8Bom);
  const text = (bom ? head.slice(utf8Bom.length) : head).trimStart();
  const fixed = (header: OfxHeader): OfxHeader => (bom ? { version: header.version, encoding: 'utf-8' } : header);
  if (sgmlHeader.test(text)) return fixed({ version: '1.x', ...sgmlEncoding(sgmlFields(text), fallbackEncoding) });
  const declaration = xmlDeclaration.exec(text);
  if (declaration !== null) {
    const rest = text.slice(declaration[0].length);
    if (!ofxInstruction.test(rest) && !/^\s*(?:<!--[\s\S]*?-->\s*)*<OFX\s*>/i.test(rest)) return undefined;
    const declared = /\bencoding\s*=\s*["']([^"']+)["']/i.exec(declaration[1])?.[1];
    return fixed({ version: '2.x', ...declaredEncoding(declared, 'utf-8') });
  }
  if (ofxInstruction.test(text.slice(0, 5))) return fixed({ version: '2.x', encoding: 'utf-8' });
  if (/^<OFX\s*>/i.test(text)) return fixed({ version: '1.x', encoding: fallbackEncoding });
  return undefined;
}

/** Whether `head` reaches the <OFX> root, so everything the header says has been read. */
export function reachesOfxRoot(head: string): boolean {
  return ofxRoot.test(head);
}

/** KEY:VALUE pairs before <OFX>, one per line or (in one-line files) separated by spaces. */
function sgmlFields(text: string): Map<string, string> {
  const end = text.search(/</);
  const fields = new Map<string, string>();
  for (const match of (end === -1 ? text : text.slice(0, end)).matchAll(/([A-Za-z]+)\s*:\s*([^\s<]*)/g)) {
    fields.set(match[1].toUpperCase(), match[2]);
  }
  return fields;
}

/**
 * ENCODING:UTF-8 means UTF-8 whatever CHARSET says; with ENCODING:USASCII the CHARSET names the code page
 * (1252 is Windows-1252, ISO-8859-1 is Latin-1) and NONE leaves it to the source's configured encoding.
 */
function sgmlEncoding(fields: Map<string, string>, fallback: string): Pick<OfxHeader, 'encoding' | 'problem'> {
  if (/^UTF-?8$/i.test(fields.get('ENCODING') ?? '')) return { encoding: 'utf-8' };
  const charset = fields.get('CHARSET') ?? '';
  if (charset === '' || /^NONE$/i.test(charset)) return { encoding: fallback };
  if (/^\d+$/.test(charset)) return declaredEncoding(`win${charset}`, fallback, charset);
  if (/^(?:ISO-?)?8859-1$/i.test(charset)) return { encoding: 'latin1' };
  return declaredEncoding(charset, fallback);
}

function declaredEncoding(name: string | undefined, fallback: string, shown = name): Pick<OfxHeader, 'encoding' | 'problem'> {
  if (name === undefined) return { encoding: fallback };
  if (iconv.encodingExists(name)) return { encoding: name };
  return { encoding: fallback, problem: `header: charset '${shown}' is not supported; the file was read as ${fallback}` };
}
