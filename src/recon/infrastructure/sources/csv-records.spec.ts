import { csvRecordCharsMax } from '../../domain/limits.js';
import { textLines } from '../statements/text-lines.js';
import { csvRecords, splitLine, type CsvRecordItem } from './csv-records.js';

async function records(text: string, delimiter = ',', columns?: number): Promise<string[]> {
  const out: string[] = [];
  async function* bytes() {
    yield Buffer.from(text, 'utf8');
  }
  for await (const item of csvRecords(textLines(bytes()), delimiter, columns)) out.push(show(item));
  return out;
}

const show = (item: CsvRecordItem) => (item.kind === 'row' ? `${item.line}:${JSON.stringify(item.fields)}` : `${item.line}!${item.reason}`);

describe('csvRecords', () => {
  it('splits quoted fields with delimiters, doubled quotes and line breaks, numbering physical lines', async () => {
    const text = 'a,"b,c","say ""hi"""\r\r\nx,"two\r\nlines",y\n\nACME "BIG" LTD,"",z\r\n';
    expect(await records(text, ',', 3)).toEqual([
      '1:["a","b,c","say \\"hi\\""]',
      '2:["x","two\\nlines","y"]',
      '5:["ACME \\"BIG\\" LTD","","z"]',
    ]);
  });

  it('rejects the line of a quote still open at the end of the file and reads the lines after it', async () => {
    expect(await records('1,"open,2\n3,4,5\n6,7,8\n', ',', 3)).toEqual([
      '1!an opening quote in column 2 is never closed (the file ends first); the line is rejected and reading resumes on the next line',
      '2:["3","4","5"]',
      '3:["6","7","8"]',
    ]);
  });

  it('rejects a broken quote that another row\'s quote seems to close, by the column count or text after it', async () => {
    expect(await records('1,"open,2\n3,"4",5\n6,7,8\n', ',', 3)).toEqual([
      '1!an opening quote in column 2 is never closed (the lines after it do not continue a quoted field); the line is rejected and reading resumes on the next line',
      '2:["3","4","5"]',
      '3:["6","7","8"]',
    ]);
  });

  it('rejects a row with text after a closing quote, on its own line', async () => {
    expect(await records('"ab"c,d\ne,f\n', ',', 2)).toEqual(['1!column 1 has text after its closing quote', '2:["e","f"]']);
  });

  it('bounds a runaway quoted field by csvRecordCharsMax, then reads on', async () => {
    const long = Array.from({ length: 40 }, () => 'x'.repeat(2_000)).join('\n');
    const result = await records(`1,"runaway\n${long}\n2,3\n`, ',', 2);
    expect(result[0]).toBe(
      `1!an opening quote in column 2 is never closed (no closing quote within ${csvRecordCharsMax} characters or 100 lines); the line is rejected and reading resumes on the next line`,
    );
    // The filler lines are single-column rows now (the row converter rejects them for their column count).
    expect(result).toHaveLength(42);
    expect(result[41]).toBe('42:["2","3"]');
  });

  it('rejects a single line longer than csvRecordCharsMax', async () => {
    expect(await records(`${'y'.repeat(csvRecordCharsMax)},1\n`, ',', 2)).toEqual([`1!the record is longer than ${csvRecordCharsMax} characters`]);
  });
});

describe('splitLine', () => {
  it('respects quotes, so a quoted delimiter does not split', () => {
    expect(splitLine('"Naam, voluit";Bedrag;"a;b"', ';')).toEqual(['Naam, voluit', 'Bedrag', 'a;b']);
    // Split by the wrong candidate, the header is one column (its quote closed before the ';').
    expect(splitLine('"Naam, voluit";Bedrag', ',')).toEqual(['Naam, voluit;Bedrag']);
    expect(splitLine('a,"open', ',')).toEqual(['a', 'open']);
  });
});
