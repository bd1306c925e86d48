import iconv from 'iconv-lite';
import { readXmlProlog } from './xml-prolog.js';

describe('readXmlProlog', () => {
  it('takes the encoding from the declaration, UTF-8 when there is none', () => {
    expect(readXmlProlog(Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><Document><BkToCstmrStmt>'))).toEqual({
      encoding: 'iso-8859-1', root: 'Document', firstChild: 'BkToCstmrStmt', startsWithMarkup: true,
    });
    expect(readXmlProlog(Buffer.from('<Document/>'))).toEqual({ encoding: 'utf-8', root: 'Document', firstChild: undefined, startsWithMarkup: true });
  });

  it('lets the bytes decide for UTF-16 and a UTF-8 BOM, whatever the declaration claims', () => {
    const declaration = '<?xml version="1.0" encoding="ISO-8859-1"?><Document><BkToCstmrDbtCdtNtfctn>';
    expect(readXmlProlog(iconv.encode(declaration, 'utf-16le', { addBOM: true })).encoding).toBe('utf-16le');
    expect(readXmlProlog(iconv.encode(declaration, 'utf-16be', { addBOM: true })).encoding).toBe('utf-16be');
    expect(readXmlProlog(iconv.encode(declaration, 'utf-16le')).encoding).toBe('utf-16le');
    expect(readXmlProlog(iconv.encode(declaration, 'utf-16be')).firstChild).toBe('BkToCstmrDbtCdtNtfctn');
    expect(readXmlProlog(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(declaration)])).encoding).toBe('utf-8');
  });

  it('says when the first character is not markup', () => {
    expect(readXmlProlog(Buffer.from('  \r\nid;amount\n')).startsWithMarkup).toBe(false);
    expect(readXmlProlog(Buffer.from('\n\t <?xml version="1.0"?><Document>')).root).toBe('Document');
  });
});
