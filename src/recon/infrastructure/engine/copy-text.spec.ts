import { copyLine } from './copy-text.js';

describe('copyLine', () => {
  it('separates columns with tabs, writes NULL as \\N and ends the row', () => {
    expect(copyLine(['a', null, 3, true, undefined])).toBe('a\t\\N\t3\ttrue\t\\N\n');
  });

  it('escapes backslash, tab, newline and carriage return inside a value', () => {
    expect(copyLine(['x\\y\tz\nw\rv'])).toBe('x\\\\y\\tz\\nw\\rv\n');
  });
});
