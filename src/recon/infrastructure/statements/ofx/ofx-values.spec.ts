import { ofxAmount, ofxDate } from './ofx-values.js';

describe('ofxAmount', () => {
  it.each([
    ['-12.50', '-12.5'], ['+1250.00', '1250'], ['.45', '0.45'], ['-.5', '-0.5'], ['12.', '12'], ['-12,50', '-12.5'], ['0', '0'],
  ])('reads %s as %s', (text, expected) => {
    expect(ofxAmount(text)?.toFixed()).toBe(expected);
  });

  it.each(['', '-', ',', '1.234,56', '1,234.56', '12 50', '12.50-', 'abc', '1e3'])('refuses %j', (text) => {
    expect(ofxAmount(text)).toBeUndefined();
  });
});

describe('ofxDate', () => {
  it.each([
    ['20250331', '2025-03-31'],
    ['20250331120000', '2025-03-31'],
    ['202503312359', '2025-03-31'],
    ['20250331120000.000', '2025-03-31'],
    // Late evening in New York is already the next day in UTC: the date stays as the bank wrote it.
    ['20250305233000.000[-5:EST]', '2025-03-05'],
    ['20250331235959.999[+1:CET]', '2025-03-31'],
    ['20250331000000[+5.5:IST]', '2025-03-31'],
    ['20250331[0:GMT]', '2025-03-31'],
    ['20250230', '2025-02-30'],
  ])('reads %s as %s', (text, expected) => {
    expect(ofxDate(text)).toBe(expected);
  });

  it.each(['31/03/2025', '2025-03-31', '202503', '20250331T1200', '20250331120000[EST]'])('refuses %j', (text) => {
    expect(ofxDate(text)).toBeUndefined();
  });
});
