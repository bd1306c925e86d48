import { OfxElements, type OfxElementEvent } from './ofx-elements.js';
import { ofxVocabulary } from './ofx-statement-reader.js';
import { OfxTokenizer } from './ofx-tokenizer.js';

function events(text: string): string[] {
  const tokenizer = new OfxTokenizer();
  const elements = new OfxElements(ofxVocabulary);
  const out: OfxElementEvent[] = [];
  for (const token of [...tokenizer.write(text), ...tokenizer.end()]) out.push(...elements.accept(token));
  out.push(...elements.end());
  return out.map((event) => {
    if (event.kind === 'start') return `start ${event.path} #${event.index} @${event.line}`;
    if (event.kind === 'leaf') return `leaf ${event.name}=${JSON.stringify(event.value)} @${event.line}`;
    return `end ${event.name}${event.unclosed ? ' (unclosed)' : ''}`;
  });
}

describe('OfxElements', () => {
  it('reads SGML and XML the same way', () => {
    const expected = ['start OFX #1 @1', 'start OFX/STMTTRN #1 @1', 'leaf TRNAMT="-1" @1', 'leaf FITID="a" @1', 'end STMTTRN', 'end OFX'];
    expect(events('<OFX><STMTTRN><TRNAMT>-1<FITID>a</STMTTRN></OFX>')).toEqual(expected);
    expect(events('<OFX><STMTTRN><TRNAMT>-1</TRNAMT><FITID>a</FITID></STMTTRN></OFX>')).toEqual(expected);
  });

  it('numbers repeated siblings, in the path only from the second one', () => {
    expect(events('<OFX><RS><STMTRS></STMTRS></RS><RS><STMTRS></STMTRS></RS></OFX>')).toEqual([
      'start OFX #1 @1', 'start OFX/RS #1 @1', 'start OFX/RS/STMTRS #1 @1', 'end STMTRS', 'end RS',
      'start OFX/RS[2] #2 @1', 'start OFX/RS[2]/STMTRS #1 @1', 'end STMTRS', 'end RS', 'end OFX',
    ]);
  });

  it('takes an SGML leaf without a value as empty, not as an aggregate', () => {
    expect(events('<STMTTRN><MEMO>\n<NAME>x</STMTTRN>')).toEqual(['start STMTTRN #1 @1', 'leaf MEMO="" @1', 'leaf NAME="x" @2', 'end STMTTRN']);
  });

  it('takes an unknown tag followed by a tag as an aggregate (what SGML leaves open, a known leaf never is)', () => {
    expect(events('<STMTTRN><SIC>\n<NAME>x<XYZ><MEMO>m</STMTTRN>')).toEqual([
      'start STMTTRN #1 @1', 'leaf SIC="" @1', 'leaf NAME="x" @2', 'start STMTTRN/XYZ #1 @2', 'leaf MEMO="m" @2', 'end XYZ', 'end STMTTRN',
    ]);
  });

  it('takes an XML leaf left empty as empty, and an empty known aggregate as an aggregate', () => {
    expect(events('<BANKTRANLIST><STMTTRN></STMTTRN><MEMO></MEMO><MEMO/></BANKTRANLIST>')).toEqual([
      'start BANKTRANLIST #1 @1', 'start BANKTRANLIST/STMTTRN #1 @1', 'end STMTTRN', 'leaf MEMO="" @1', 'leaf MEMO="" @1', 'end BANKTRANLIST',
    ]);
  });

  it('closes an aggregate left open when its parent ends or a sibling of its name starts', () => {
    expect(events('<BANKTRANLIST><STMTTRN><FITID>1<STMTTRN><FITID>2</BANKTRANLIST>')).toEqual([
      'start BANKTRANLIST #1 @1', 'start BANKTRANLIST/STMTTRN #1 @1', 'leaf FITID="1" @1', 'end STMTTRN',
      'start BANKTRANLIST/STMTTRN[2] #2 @1', 'leaf FITID="2" @1', 'end STMTTRN', 'end BANKTRANLIST',
    ]);
  });

  it('ignores a stray end tag and marks what the end of the input leaves open', () => {
    expect(events('<OFX></STMTTRN><STMTTRN><FITID>1')).toEqual(['start OFX #1 @1', 'start OFX/STMTTRN #1 @1', 'leaf FITID="1" @1', 'end STMTTRN (unclosed)', 'end OFX (unclosed)']);
  });
});
