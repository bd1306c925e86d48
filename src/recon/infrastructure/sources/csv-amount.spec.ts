import { parseAmountCell } from './csv-amount.js';
import type { DecimalSeparator } from './csv-values.js';

const read = (text: string, separator: DecimalSeparator = '.') => {
  const parsed = parseAmountCell(text, separator);
  if (!parsed.ok) return parsed.reason;
  const { amount, negative, currency } = parsed.value;
  return `${negative ? '-' : ''}${amount.toFixed()}${currency ? ` ${currency}` : ''}`;
};

describe('parseAmountCell', () => {
  it.each([
    ['1234.56', '.', '1234.56'],
    ['1,234.56', '.', '1234.56'],
    ['+5', '.', '5'],
    ['-0.00', '.', '0'],
    ['12.50-', '.', '-12.5'],
    ['(12.50)', '.', '-12.5'],
    ['( 1,000.00 )', '.', '-1000'],
    ['£1,234.56', '.', '1234.56 GBP'],
    ['-£12.00', '.', '-12 GBP'],
    ['£-12.00', '.', '-12 GBP'],
    ['$12', '.', '12'],
    ['12.00 USD', '.', '12 USD'],
    ["1'234'567.50", '.', '1234567.5'],
    ['12 345.67', '.', '12345.67'],
    ['-2\u00a0026,41', ',', '-2026.41'],
    ['1\u202f250,00', ',', '1250'],
    ['+50,00', ',', '50'],
    ['-59,30', ',', '-59.3'],
    ['£67.40', '.', '67.4 GBP'],
    ['1.234,56', ',', '1234.56'],
    ['€ 1.250,00', ',', '1250 EUR'],
    ['EUR 12,00', ',', '12 EUR'],
    ['12,00 €', ',', '12 EUR'],
    ['(€ 15,00)', ',', '-15 EUR'],
    ['2500', ',', '2500'],
  ] as const)('reads %p with decimal %p as %p', (text, separator, expected) => {
    expect(read(text, separator)).toBe(expected);
  });

  it.each([
    ['12,34.5', '.'],
    ['1,2345.00', '.'],
    ['1,234 567.00', '.'],
    ['12 34', '.'],
    ['1e5', '.'],
    ['.5', '.'],
    ['5.', '.'],
    ['--1', '.'],
    ['-12.00-', '.'],
    ['(12.00', '.'],
    ['-(12.00)', '.'],
    ['£12 EUR', '.'],
    ['0x10', '.'],
    ['NaN', '.'],
    ['', '.'],
    ['1,234.56', ','],
    ['12.345.6', ','],
  ] as const)('rejects %p with decimal %p', (text, separator) => {
    const example = separator === '.' ? '1234.56 or 1,234.56' : '1234,56 or 1.234,56';
    expect(read(text, separator)).toBe(`'${text}' is not a valid amount (expected e.g. ${example})`);
  });

  it('keeps the digit limits', () => {
    expect(read('123 456 789 012 345 678.5')).toBe('123456789012345678.5');
    expect(read('1 234 567 890 123 456 789')).toBe("'1 234 567 890 123 456 789' has more than 18 integer digits");
    expect(read('1,1234567890123', ',')).toBe("'1,1234567890123' has more than 12 decimal places");
  });
});
