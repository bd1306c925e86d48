import { OfxSyntaxError, OfxTokenizer, type OfxToken } from './ofx-tokenizer.js';

function tokens(chunks: string[]): OfxToken[] {
  const tokenizer = new OfxTokenizer();
  return [...chunks.flatMap((chunk) => [...tokenizer.write(chunk)]), ...tokenizer.end()];
}

describe('OfxTokenizer', () => {
  it('reads SGML leaves without end tags and uppercases names', () => {
    expect(tokens(['<stmttrn><TRNAMT>-12.50\r\n<FITID> 1 </STMTTRN>'])).toEqual([
      { kind: 'open', name: 'STMTTRN', line: 1, selfClosing: false },
      { kind: 'open', name: 'TRNAMT', line: 1, selfClosing: false },
      { kind: 'text', text: '-12.50' },
      { kind: 'open', name: 'FITID', line: 2, selfClosing: false },
      { kind: 'text', text: '1' },
      { kind: 'close', name: 'STMTTRN', line: 2 },
    ]);
  });

  it('counts CR CR LF as one line end, also split across chunks, and a lone CR as one', () => {
    const lines = tokens(['<A>\r\r', '\n<B>\r<C>\n\n<D>']).filter((token) => token.kind === 'open').map((token) => token.kind === 'open' && token.line);
    expect(lines).toEqual([1, 2, 3, 5]);
  });

  it('gives the same tokens whatever the chunking', () => {
    const text = '<?xml version="1.0"?>\n<?OFX OFXHEADER="200"?>\n<OFX><!-- c --><MEMO>B&amp;Q &lt;3 &#8364;</MEMO><NAME><![CDATA[A & B]]></NAME><X/></OFX>';
    const whole = tokens([text]);
    expect(tokens(text.split(''))).toEqual(whole);
    expect(whole).toEqual([
      { kind: 'open', name: 'OFX', line: 3, selfClosing: false },
      { kind: 'open', name: 'MEMO', line: 3, selfClosing: false },
      { kind: 'text', text: 'B&Q <3 €' },
      { kind: 'close', name: 'MEMO', line: 3 },
      { kind: 'open', name: 'NAME', line: 3, selfClosing: false },
      { kind: 'text', text: 'A & B' },
      { kind: 'close', name: 'NAME', line: 3 },
      { kind: 'open', name: 'X', line: 3, selfClosing: true },
      { kind: 'close', name: 'OFX', line: 3 },
    ]);
  });

  it('keeps a "<" that opens no tag as text, and an unknown entity as written', () => {
    expect(tokens(['<MEMO>I <3 AT&T\n<NAME>x'])).toEqual([
      { kind: 'open', name: 'MEMO', line: 1, selfClosing: false },
      { kind: 'text', text: 'I <3 AT&T' },
      { kind: 'open', name: 'NAME', line: 2, selfClosing: false },
      { kind: 'text', text: 'x' },
    ]);
  });

  it('gives the 1.x header as text before the first tag', () => {
    expect(tokens(['OFXHEADER:100\r\nDATA:OFXSGML\r\n\r\n<OFX>'])).toEqual([
      { kind: 'text', text: 'OFXHEADER:100\r\nDATA:OFXSGML' },
      { kind: 'open', name: 'OFX', line: 4, selfClosing: false },
    ]);
  });

  it('stops at a tag that never ends, naming its line', () => {
    let error: unknown;
    try {
      tokens(['<OFX>\n<STMTTRN']);
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(OfxSyntaxError);
    expect(error).toMatchObject({ line: 2, message: 'the file ends inside a tag' });
    expect(tokens(['<MEMO>I <3'])).toEqual([{ kind: 'open', name: 'MEMO', line: 1, selfClosing: false }, { kind: 'text', text: 'I <3' }]);
  });

  it('stops at a run of text too long to be OFX instead of holding it', () => {
    const tokenizer = new OfxTokenizer();
    expect(() => [...tokenizer.write(`<MEMO>${'x'.repeat(1_048_577)}`)]).toThrow('more than 1048576 characters without a complete tag');
  });
});
