import { parseCsvAmount, parseCsvCurrency, parseCsvDirection, parseCsvTimestamp, type Parsed } from './csv-values.js';

const value = <T>(parsed: Parsed<T>): T => {
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.value;
};
const reason = <T>(parsed: Parsed<T>): string => (parsed.ok ? 'ok' : parsed.reason);

describe('parseCsvAmount', () => {
  it.each([
    ['1234.56', '1234.56', false],
    ['1,234.56', '1234.56', false],
    ['1,234,567', '1234567', false],
    ['-12.00', '12', true],
    ['+5', '5', false],
    ['-0.00', '0', false],
    [' 0.5 ', '0.5', false],
  ])('reads %s with a decimal point', (text, amount, negative) => {
    const parsed = value(parseCsvAmount(text));
    expect(parsed.amount.toString()).toBe(amount);
    expect(parsed.negative).toBe(negative);
  });

  it('reads decimal commas with dots as thousands separators', () => {
    expect(value(parseCsvAmount('1.234,56', ',')).amount.toString()).toBe('1234.56');
    expect(value(parseCsvAmount('-0,01', ',')).amount.toString()).toBe('0.01');
    expect(reason(parseCsvAmount('1,234.56', ','))).toContain('not a valid amount');
  });

  it.each(['', '12,34.5', '1,2345.00', '1e5', '.5', '5.', '12.34.56', '$12', '12 345', '--1', '0x10', 'NaN', 'Infinity'])(
    'rejects %p',
    (text) => {
      expect(reason(parseCsvAmount(text))).toBe(`'${text}' is not a valid amount (expected e.g. 1234.56 or 1,234.56)`);
    },
  );

  it('enforces digit limits instead of rounding', () => {
    expect(value(parseCsvAmount('123456789012345678.123456789012')).amount.toString()).toBe('123456789012345678.123456789012');
    expect(reason(parseCsvAmount('1234567890123456789'))).toContain('more than 18 integer digits');
    expect(reason(parseCsvAmount('1.1234567890123'))).toContain('more than 12 decimal places');
  });
});

describe('parseCsvTimestamp', () => {
  const iso = (parsed: Parsed<Date>) => value(parsed).toISOString();

  it('reads ISO timestamps as UTC unless they carry an offset', () => {
    expect(iso(parseCsvTimestamp('2025-07-13T14:03:00Z'))).toBe('2025-07-13T14:03:00.000Z');
    expect(iso(parseCsvTimestamp('2025-07-13T14:03:00'))).toBe('2025-07-13T14:03:00.000Z');
    expect(iso(parseCsvTimestamp('2025-07-13T16:03:00.5+02:00'))).toBe('2025-07-13T14:03:00.500Z');
    expect(iso(parseCsvTimestamp('2025-07-13T09:33:00.123456-0430'))).toBe('2025-07-13T14:03:00.123Z');
    expect(iso(parseCsvTimestamp('2025-07-13T14:03'))).toBe('2025-07-13T14:03:00.000Z');
    expect(iso(parseCsvTimestamp('2025-07-13'))).toBe('2025-07-13T00:00:00.000Z');
  });

  it('reads the fixed formats and epoch milliseconds', () => {
    expect(iso(parseCsvTimestamp('2025-07-13 14:03:00', 'YYYY-MM-DD HH:mm:ss'))).toBe('2025-07-13T14:03:00.000Z');
    expect(iso(parseCsvTimestamp('13/07/2025 14:03', 'DD/MM/YYYY HH:mm'))).toBe('2025-07-13T14:03:00.000Z');
    expect(iso(parseCsvTimestamp('1752415380000', 'epoch_ms'))).toBe('2025-07-13T14:03:00.000Z');
  });

  it.each([
    ['2025-02-30 10:00:00', 'YYYY-MM-DD HH:mm:ss'],
    ['2025-07-13 24:00:00', 'YYYY-MM-DD HH:mm:ss'],
    ['2025-07-13T14:03:00', 'YYYY-MM-DD HH:mm:ss'],
    ['31/02/2025 10:00', 'DD/MM/YYYY HH:mm'],
    ['07/13/2025 10:00', 'DD/MM/YYYY HH:mm'],
    ['13/07/2025 14:60', 'DD/MM/YYYY HH:mm'],
    ['2025-13-01T00:00:00Z', 'iso'],
    ['yesterday', 'iso'],
    ['', 'iso'],
  ] as const)('rejects %p as %s', (text, format) => {
    expect(reason(parseCsvTimestamp(text, format))).toMatch(
      new RegExp(`^'${text}' is not a valid ${format} timestamp \\(expected e\\.g\\. `),
    );
  });

  it('rejects malformed epoch values', () => {
    expect(reason(parseCsvTimestamp('-5', 'epoch_ms'))).toBe("'-5' is not epoch milliseconds");
    expect(reason(parseCsvTimestamp('1.5e12', 'epoch_ms'))).toBe("'1.5e12' is not epoch milliseconds");
  });
});

describe('parseCsvCurrency and parseCsvDirection', () => {
  it('uppercases 3-letter codes and rejects anything else', () => {
    expect(value(parseCsvCurrency(' usd '))).toBe('USD');
    expect(reason(parseCsvCurrency('US$'))).toBe("'US$' is not a 3-letter ISO 4217 currency code");
  });

  it('reads the usual credit/debit spellings and nothing else', () => {
    expect(['C', 'cr', 'Credit', 'IN'].map((text) => value(parseCsvDirection(text)))).toEqual(['credit', 'credit', 'credit', 'credit']);
    expect(['D', 'dr', 'DEBIT', 'out'].map((text) => value(parseCsvDirection(text)))).toEqual(['debit', 'debit', 'debit', 'debit']);
    expect(reason(parseCsvDirection('constructor'))).toContain('is not a direction');
  });
});
