import fc from 'fast-check';
import { DomainError } from '../../src/common/errors/domain-error.js';
import { Decimal } from '../../src/common/money/decimal.js';
import { isoCurrencyCodes, minorUnitsOf } from '../../src/ledger/domain/currency.js';
import { formatAmount, parseAmount } from '../../src/ledger/domain/money.js';
import { isValidAmountText, minorToText, modelMinorUnits, textToMinor } from '../support/model-ledger.js';

/**
 * Property tests of the money edge: amount strings are parsed exactly or refused with VALIDATION_FAILED,
 * and formatted to the currency's minor unit in plain notation. The oracle of a valid amount
 * (isValidAmountText in test/support/model-ledger.ts) is written from the README: "plain positive decimals:
 * no JSON numbers, exponents, signs, leading zeros, more decimals than the currency's minor unit, or more
 * than 18 integer digits".
 */

const integerDigitsMax = 18;

function refusal(run: () => unknown): { code: string; message: string } | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return { code: error.code, message: error.message };
  }
}

const currencyArb = fc.constantFrom(...isoCurrencyCodes);
const testedCurrencyArb = fc.constantFrom('USD', 'JPY', 'KWD', 'CLF');

/** A valid amount for `currency`: n units at d <= minor-unit decimals, from 1 up to 18 integer digits. */
const validAmountArb = currencyArb.chain((currency) => {
  const minor = minorUnitsOf(currency);
  return fc.integer({ min: 0, max: minor }).chain((decimals) => {
    const max = 10n ** BigInt(integerDigitsMax + decimals) - 1n;
    const units = fc.oneof(
      fc.bigInt({ min: 1n, max: 1_000n }),
      fc.bigInt({ min: 1n, max }),
      fc.bigInt({ min: max - 1_000n > 0n ? max - 1_000n : 1n, max }),
      fc.constantFrom(1n, 10n ** BigInt(decimals), max),
    );
    return units.map((n) => ({ currency, minor, decimals, n, text: minorToText(n, decimals) }));
  });
});

describe('money (property)', () => {
  it('pins the minor units the tests rely on to ISO 4217', () => {
    for (const [currency, minor] of Object.entries(modelMinorUnits)) expect({ currency, minor: minorUnitsOf(currency) }).toEqual({ currency, minor });
  });

  it('round-trips every valid amount exactly: parse, then format to the minor unit', () => {
    fc.assert(
      fc.property(validAmountArb, ({ currency, minor, decimals, n, text }) => {
        expect(isValidAmountText(text, minor)).toBe(true);
        const parsed = parseAmount(text, currency);
        // The parsed value is exactly n / 10^decimals: no digit lost, none invented.
        expect(textToMinor(parsed.toFixed(decimals), decimals)).toBe(n);
        expect(parsed.decimalPlaces()).toBeLessThanOrEqual(decimals);
        const expected = minorToText(n * 10n ** BigInt(minor - decimals), minor);
        expect(formatAmount(parsed, currency)).toBe(expected);
        expect(formatAmount(text, currency)).toBe(expected);
        // The formatted string is itself a valid amount that parses back to the same value.
        expect(parseAmount(expected, currency).equals(parsed)).toBe(true);
        expect(formatAmount(parseAmount(expected, currency), currency)).toBe(expected);
      }),
      { numRuns: 2_000 },
    );
  });

  it('accepts exactly the strings the rule allows; refuses every other with VALIDATION_FAILED naming the field', () => {
    const digitsAndPunctuation = fc.string({ unit: fc.constantFrom('0', '1', '5', '9', '.', '-', '+', 'e', 'E', ' ', ',', '_', 'x', '\n'), maxLength: 24 });
    const nearlyValid = validAmountArb.chain(({ text }) =>
      fc.constantFrom(
        `-${text}`, `+${text}`, `0${text}`, `00${text}`, ` ${text}`, `${text} `, `${text}\n`, `\t${text}`, `${text}.`, `.${text}`,
        `${text}e0`, `${text}E2`, `${text}0`, `${text}.0`, `${text}00001`, `${text},00`, `${text}.5.5`, `1${text}`, `${text}\u0000`,
        text.replace(/\d/, '\uff11'), text.replace(/\d/, '\u0661'), text.replace(/\d/, '\u00b2'), `${text}_0`, `0x${text}`,
      ),
    );
    const special = fc.constantFrom(
      '', ' ', '.', '-', '+', '0', '00', '0.', '.0', '0.0', '0.00', '0.000', '0.0000', '-0', '+0', '-0.00', 'NaN', '-NaN', 'Infinity', '-Infinity',
      '+Infinity', 'infinity', '1e3', '1E3', '1e-2', '1e+2', '0e0', '0x1F', '0b1', '0o7', '1_000', '1,000', '1 000', '١٢٣', '１２３', '1.2.3',
      '1234567890123456789', '123456789012345678', '999999999999999999.9999', '1000000000000000000', '0.1', '0.01', '0.001', '0.0001', '0.00001',
    );
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.string({ unit: 'binary' }), digitsAndPunctuation, nearlyValid, special),
        testedCurrencyArb,
        (text, currency) => {
          const valid = isValidAmountText(text, minorUnitsOf(currency));
          const refused = refusal(() => parseAmount(text, currency));
          if (valid) {
            expect({ text, currency, refused }).toEqual({ text, currency, refused: undefined });
            expect(parseAmount(text, currency).equals(new Decimal(text))).toBe(true);
          } else {
            expect({ text, currency, code: refused?.code }).toEqual({ text, currency, code: 'VALIDATION_FAILED' });
            expect(refused!.message.startsWith('amount: ')).toBe(true);
          }
        },
      ),
      { numRuns: 4_000 },
    );
  });

  it('refuses every non-string (JSON numbers included) with VALIDATION_FAILED', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.anything(), fc.double(), fc.integer(), fc.bigInt(), fc.constantFrom(NaN, Infinity, -0, 0.1, 100, null, undefined, true)).filter((value) => typeof value !== 'string'),
        testedCurrencyArb,
        (value, currency) => {
          expect(refusal(() => parseAmount(value, currency))?.code).toBe('VALIDATION_FAILED');
          expect(refusal(() => parseAmount(value, currency, 'overdraft_limit'))?.message).toMatch(/^overdraft_limit: /);
        },
      ),
      { numRuns: 1_000 },
    );
  });

  it('formats any magnitude in plain notation with exactly the minor-unit decimals, exactly when representable', () => {
    fc.assert(
      fc.property(
        currencyArb,
        fc.boolean(),
        fc.oneof(fc.bigInt({ min: 0n, max: 10n ** 6n }), fc.bigInt({ min: 0n, max: 10n ** 70n })),
        fc.integer({ min: -40, max: 60 }),
        (currency, negative, digits, scale) => {
          const minor = minorUnitsOf(currency);
          // value = (-)digits * 10^-scale, built both as a Decimal and as an exponent string.
          const exponentText = `${negative ? '-' : ''}${digits}e${-scale}`;
          for (const input of [new Decimal(exponentText), exponentText]) {
            const text = formatAmount(input, currency);
            expect(text).not.toMatch(/[eE]/);
            expect(text).toMatch(minor === 0 ? /^-?\d+$/ : new RegExp(`^-?\\d+\\.\\d{${minor}}$`));
            if (scale <= minor) {
              const units = digits * 10n ** BigInt(minor - scale);
              expect(text).toBe(minorToText(negative ? -units : units, minor));
            }
          }
        },
      ),
      { numRuns: 2_000 },
    );
  });
});
