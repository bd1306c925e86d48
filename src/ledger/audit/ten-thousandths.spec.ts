import fc from 'fast-check';
import { Decimal } from '../../common/money/decimal.js';
import { formatTenThousandths, parseTenThousandths } from './ten-thousandths.js';

describe('ten-thousandths', () => {
  it('parses plain decimals of up to four significant places exactly', () => {
    expect(parseTenThousandths('450')).toBe(4_500_000n);
    expect(parseTenThousandths('-12.5')).toBe(-125_000n);
    expect(parseTenThousandths('0.0001')).toBe(1n);
    expect(parseTenThousandths('7.100000')).toBe(71_000n);
    expect(parseTenThousandths('-0.50')).toBe(-5_000n);
    expect(parseTenThousandths('123456789012345678901234.5678')).toBe(1234567890123456789012345678n);
  });

  it('refuses what is not a plain decimal or needs a fifth place, rather than rounding', () => {
    for (const text of ['', ' 1', '1 ', '0x1f', '1e3', '1.', '.5', '+1', '1,5', '0.00001', 'NaN', '--1']) expect(parseTenThousandths(text)).toBeUndefined();
  });

  it('formats as Decimal.toFixed() did, and round-trips', () => {
    expect(formatTenThousandths(4_500_000n)).toBe('450');
    expect(formatTenThousandths(-125_000n)).toBe('-12.5');
    expect(formatTenThousandths(1n)).toBe('0.0001');
    expect(formatTenThousandths(-1n)).toBe('-0.0001');
    expect(formatTenThousandths(0n)).toBe('0');
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 34n), max: 10n ** 34n }), (units) => {
        const text = formatTenThousandths(units);
        expect(text).toBe(new Decimal(units.toString()).dividedBy(10_000).toFixed());
        expect(parseTenThousandths(text)).toBe(units);
      }),
    );
  });
});
