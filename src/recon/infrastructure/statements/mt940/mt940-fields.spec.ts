import { informationLinesMax, mt940Pieces, type Mt940Piece } from './mt940-fields.js';

async function pieces(text: string): Promise<Mt940Piece[]> {
  async function* lines() {
    let line = 0;
    for (const physical of text.split('\n')) yield { line: (line += 1), text: physical };
  }
  const out: Mt940Piece[] = [];
  for await (const piece of mt940Pieces(lines())) out.push(piece);
  return out;
}

describe('mt940Pieces', () => {
  it('unwraps envelope blocks, also when a message ends and the next one starts on the same line as its first field', async () => {
    expect(await pieces('{1:F01X}{2:O940X}{3:{108:MT940}}{4::20:A\n:25:ACC\n-}{5:{CHK:1}}{1:F01X}{2:O940X}{4:\n:20:B\n-}')).toEqual([
      { kind: 'field', tag: '20', line: 1, lines: ['A'] },
      { kind: 'field', tag: '25', line: 2, lines: ['ACC'] },
      { kind: 'end', line: 3 },
      { kind: 'field', tag: '20', line: 4, lines: ['B'] },
      { kind: 'end', line: 5 },
    ]);
  });

  it('keeps continuation lines (with their spaces) on :86:, one supplementary line on :61:, and skips blank lines', async () => {
    expect(await pieces('  :61:250331C1,NTRFX\n/SUPP/\n\n:86:a\n  b\n-\nstray')).toEqual([
      { kind: 'field', tag: '61', line: 1, lines: ['250331C1,NTRFX', '/SUPP/'] },
      { kind: 'field', tag: '86', line: 4, lines: ['a', '  b'] },
      { kind: 'end', line: 6 },
      { kind: 'stray', line: 7, text: 'stray', reason: 'not an MT940 field (a field starts with a tag such as :61:)' },
    ]);
  });

  it('caps :86: so a file without tags cannot grow one field without bound', async () => {
    const out = await pieces([':86:first', ...Array.from({ length: informationLinesMax }, (_, n) => `more ${n}`)].join('\n'));
    expect(out[0]).toMatchObject({ kind: 'field', tag: '86' });
    expect(out[0].kind === 'field' && out[0].lines).toHaveLength(informationLinesMax);
    expect(out[1]).toEqual({
      kind: 'stray', line: informationLinesMax + 1, text: `more ${informationLinesMax - 1}`,
      reason: `not an MT940 field (a field starts with a tag such as :61:), and :86: has at most ${informationLinesMax} lines`,
    });
  });
});
