import { readOfxHeader } from './ofx-header.js';

const sgml = (fields: string): string => `OFXHEADER:100\r\nDATA:OFXSGML\r\nVERSION:102\r\n${fields}\r\n\r\n<OFX>`;

describe('readOfxHeader', () => {
  it('maps the 1.x CHARSET to a decoder, ENCODING:UTF-8 winning over it', () => {
    expect(readOfxHeader(sgml('ENCODING:USASCII\r\nCHARSET:1252'))).toEqual({ version: '1.x', encoding: 'win1252' });
    expect(readOfxHeader(sgml('ENCODING:USASCII\r\nCHARSET:ISO-8859-1'))).toEqual({ version: '1.x', encoding: 'latin1' });
    expect(readOfxHeader(sgml('ENCODING:UTF-8\r\nCHARSET:1252'))).toEqual({ version: '1.x', encoding: 'utf-8' });
    expect(readOfxHeader(sgml('ENCODING:USASCII\r\nCHARSET:NONE'), 'latin1')).toEqual({ version: '1.x', encoding: 'latin1' });
    expect(readOfxHeader(sgml('ENCODING:USASCII'))).toEqual({ version: '1.x', encoding: 'utf-8' });
  });

  it('reads a 1.x header written on one line', () => {
    expect(readOfxHeader('OFXHEADER:100 DATA:OFXSGML VERSION:102 ENCODING:USASCII CHARSET:1252 <OFX>')).toEqual({ version: '1.x', encoding: 'win1252' });
  });

  it('falls back, saying so, when the declared charset is unknown', () => {
    expect(readOfxHeader(sgml('ENCODING:USASCII\r\nCHARSET:KLINGON'), 'latin1')).toEqual({
      version: '1.x', encoding: 'latin1', problem: "header: charset 'KLINGON' is not supported; the file was read as latin1",
    });
  });

  it('takes the 2.x encoding from the XML declaration, UTF-8 when it names none', () => {
    expect(readOfxHeader('<?xml version="1.0" encoding="windows-1252"?>\n<?OFX OFXHEADER="200" VERSION="220"?>\n<OFX>')).toEqual({ version: '2.x', encoding: 'windows-1252' });
    expect(readOfxHeader('<?xml version="1.0"?><?OFX OFXHEADER="200" VERSION="211"?><OFX>', 'latin1')).toEqual({ version: '2.x', encoding: 'utf-8' });
    expect(readOfxHeader('<?xml version="1.0" encoding="ISO-8859-1"?><OFX>')).toEqual({ version: '2.x', encoding: 'ISO-8859-1' });
  });

  it('lets a UTF-8 byte-order mark win over any declaration', () => {
    expect(readOfxHeader(`\u00ef\u00bb\u00bf${sgml('ENCODING:USASCII\r\nCHARSET:1252')}`)).toEqual({ version: '1.x', encoding: 'utf-8' });
  });

  it('accepts a file that starts at <OFX>, with the configured encoding', () => {
    expect(readOfxHeader('  \r\n<OFX>\r\n<SIGNONMSGSRSV1>', 'win1252')).toEqual({ version: '1.x', encoding: 'win1252' });
  });

  it('refuses what is not OFX', () => {
    expect(readOfxHeader('<?xml version="1.0"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08">')).toBeUndefined();
    expect(readOfxHeader(':20:STARTUMS\r\n:25:12345678/0001234567')).toBeUndefined();
    expect(readOfxHeader('id,date,amount\r\n1,2025-03-31,-12.50')).toBeUndefined();
    expect(readOfxHeader('')).toBeUndefined();
  });
});
