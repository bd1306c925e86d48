import { Decimal } from '../../common/money/decimal.js';
import { formatAmount, parseAmount, parseOverdraftLimit } from './money.js';

describe('parseAmount', () => {
  it.each([
    ['100.50', 'USD', '100.5'],
    ['100', 'USD', '100'],
    ['0.01', 'USD', '0.01'],
    ['999999999999999999.99', 'USD', '999999999999999999.99'],
    ['1200', 'JPY', '1200'],
    ['1.255', 'KWD', '1.255'],
    ['0.0001', 'CLF', '0.0001'],
  ])('accepts %s %s exactly', (text, currency, expected) => {
    expect(parseAmount(text, currency).toFixed()).toBe(expected);
  });

  it.each([
    ['0', 'greater than zero'],
    ['0.00', 'greater than zero'],
    ['-1', 'plain positive decimal'],
    ['-0', 'plain positive decimal'],
    ['+1', 'plain positive decimal'],
    ['1e2', 'plain positive decimal'],
    ['01', 'plain positive decimal'],
    ['1.', 'plain positive decimal'],
    ['.1', 'plain positive decimal'],
    ['1,00', 'plain positive decimal'],
    ['Infinity', 'plain positive decimal'],
    ['1234567890123456789', '18 integer digits'],
    ['1.001', 'at most 2 decimal places'],
  ])('refuses %s naming the field', (text, reason) => {
    expect(() => parseAmount(text, 'USD')).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED', message: expect.stringContaining(reason) }));
    expect(() => parseAmount(text, 'USD')).toThrow(/^amount: /);
  });

  it('refuses JSON numbers, which have already lost exactness', () => {
    expect(() => parseAmount(0.1, 'USD')).toThrow(/not a JSON number/);
  });

  it('refuses decimals JPY does not have', () => {
    expect(() => parseAmount('1.5', 'JPY')).toThrow(/JPY allows at most 0 decimal places/);
  });

  it('round-trips through formatAmount without losing a digit', () => {
    for (const text of ['0.01', '100.50', '999999999999999999.99', '123456789012345678.10']) {
      expect(formatAmount(parseAmount(text, 'USD'), 'USD')).toBe(new Decimal(text).toFixed(2));
    }
  });
});

describe('formatAmount', () => {
  it('pads to the minor unit and never uses exponents', () => {
    expect(formatAmount('450', 'USD')).toBe('450.00');
    expect(formatAmount('-500', 'USD')).toBe('-500.00');
    expect(formatAmount('1.5', 'KWD')).toBe('1.500');
    expect(formatAmount('1200', 'JPY')).toBe('1200');
    expect(formatAmount('0.00000001', 'USD')).toBe('0.00');
    expect(formatAmount('1e21', 'USD')).toBe('1000000000000000000000.00');
  });
});

describe('parseOverdraftLimit', () => {
  it('allows zero, unlike an amount', () => {
    expect(parseOverdraftLimit('0', 'USD').isZero()).toBe(true);
    expect(parseOverdraftLimit('0.00', 'USD').isZero()).toBe(true);
    expect(() => parseOverdraftLimit('-1', 'USD')).toThrow(/^overdraft_limit: /);
  });
});
