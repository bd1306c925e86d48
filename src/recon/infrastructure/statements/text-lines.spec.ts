import iconv from 'iconv-lite';
import { textLines } from './text-lines.js';

async function lines(chunks: (string | Buffer)[], encoding?: string): Promise<string[]> {
  async function* input() {
    for (const chunk of chunks) yield Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk, 'utf8');
  }
  const out: string[] = [];
  for await (const { line, text } of textLines(input(), encoding)) out.push(`${line}:${text}`);
  return out;
}

describe('textLines', () => {
  it('without an encoding, reads a line that is not UTF-8 as Windows-1252 and the UTF-8 lines around it as UTF-8', async () => {
    const latin = iconv.encode('Sportverein Grün-Weiß München € 5\r\n', 'win1252');
    expect(await lines(['Müller\r\n', latin.subarray(0, 14), latin.subarray(14), 'Ærø\n'])).toEqual(['1:Müller', '2:Sportverein Grün-Weiß München € 5', '3:Ærø']);
  });

  it('with an encoding, decodes every line with it: a Latin-1 byte in a file said to be UTF-8 stays a replacement character', async () => {
    expect(await lines([iconv.encode('Grün\n', 'latin1')], 'utf-8')).toEqual(['1:Gr\uFFFDn']);
    expect(await lines(['a\r\r\nb\r', '\r', '\nc\r\r\n'], 'utf-8')).toEqual(['1:a', '2:b', '3:c']);
  });

  it('counts CR CR LF as one line end, also when the CRs and the LF arrive in different chunks', async () => {
    expect(await lines(['a\r\r\nb\r', '\r', '\nc\r\r\n'])).toEqual(['1:a', '2:b', '3:c']);
  });

  it('ends lines at LF, CR LF and a lone CR, and keeps an empty line', async () => {
    expect(await lines(['a\nb\r\n\r\nc\rd'])).toEqual(['1:a', '2:b', '3:', '4:c', '5:d']);
  });

  it('drops a UTF-8 BOM and decodes ISO-8859-1 and Windows-1252', async () => {
    expect(await lines([Buffer.from([0xef, 0xbb, 0xbf]), 'x\n'])).toEqual(['1:x']);
    expect(await lines([iconv.encode('Naam initiërende partij\n', 'latin1')], 'latin1')).toEqual(['1:Naam initiërende partij']);
    expect(await lines([iconv.encode('€ 5\n', 'win1252')], 'win1252')).toEqual(['1:€ 5']);
  });

  it('keeps a multi-byte character split across chunks', async () => {
    const bytes = Buffer.from('é\n', 'utf8');
    expect(await lines([bytes.subarray(0, 1), bytes.subarray(1)])).toEqual(['1:é']);
  });
});
