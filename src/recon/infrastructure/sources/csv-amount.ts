import { Decimal } from '../../../common/money/decimal.js';
import { amountFractionDigitsMax, amountIntegerDigitsMax } from '../../domain/limits.js';
import type { DecimalSeparator, Parsed } from './csv-values.js';

export interface CellAmount {
  /** Absolute value. */
  readonly amount: Decimal;
  readonly negative: boolean;
  /** From an ISO code or an unambiguous symbol (£, €) written with the amount. */
  readonly currency?: string;
}

/** '$' and '¥' name several currencies: they are accepted but say nothing. */
const symbols: ReadonlyMap<string, string | undefined> = new Map([
  ['£', 'GBP'],
  ['€', 'EUR'],
  ['$', undefined],
  ['¥', undefined],
]);

/**
 * The shapes real exports write an amount in: "-2 026,41", "(12.50)", "12.50-", "+50,00", "£1,234.56",
 * "EUR 12,00", "1'234.50". Parentheses, a leading sign and a trailing minus are the sign (one of them at
 * most); a currency symbol or ISO code may stand before or after the number.
 */
const shape =
  /^(\()?\s*([+-])?\s*([A-Z]{3}|[£€$¥])?\s*([+-])?\s*(\d[\d.,'\s]*)\s*(-)?\s*([A-Z]{3}|[£€$¥])?\s*(-)?\s*(\))?$/u;

/**
 * Thousands groups must be exactly three digits with one separator throughout: the other of '.'/',',
 * a space, a no-break space (U+00A0, U+202F) or an apostrophe. Anything else is a row for a human.
 */
function numberPattern(decimalSeparator: DecimalSeparator): RegExp {
  const grouping = decimalSeparator === '.' ? ",' \\u00a0\\u202f" : ".' \\u00a0\\u202f";
  const decimal = decimalSeparator === '.' ? '\\.' : ',';
  return new RegExp(`^(\\d+|\\d{1,3}([${grouping}])\\d{3}(?:\\2\\d{3})*)(?:${decimal}(\\d+))?$`, 'u');
}

const numberPatterns: Readonly<Record<DecimalSeparator, RegExp>> = { '.': numberPattern('.'), ',': numberPattern(',') };
const examples: Readonly<Record<DecimalSeparator, string>> = { '.': '1234.56 or 1,234.56', ',': '1234,56 or 1.234,56' };

export function parseAmountCell(text: string, decimalSeparator: DecimalSeparator): Parsed<CellAmount> {
  const invalid = { ok: false as const, reason: `'${text}' is not a valid amount (expected e.g. ${examples[decimalSeparator]})` };
  const match = shape.exec(text.trim());
  if (match === null) return invalid;
  const [, open, leadSign, leadCode, innerSign, digits, trailMinus, trailCode, lastMinus, close] = match;
  const signs = [leadSign, innerSign, trailMinus, lastMinus].filter((sign) => sign !== undefined);
  if (Boolean(open) !== Boolean(close) || signs.length + (open ? 1 : 0) > 1 || (leadCode && trailCode)) return invalid;
  const number = numberPatterns[decimalSeparator].exec(digits.trim());
  if (number === null) return invalid;
  const [, grouped, , fraction = ''] = number;
  const integer = grouped.replace(/\D/g, '');
  if (integer.replace(/^0+(?=\d)/, '').length > amountIntegerDigitsMax) {
    return { ok: false, reason: `'${text}' has more than ${amountIntegerDigitsMax} integer digits` };
  }
  if (fraction.length > amountFractionDigitsMax) return { ok: false, reason: `'${text}' has more than ${amountFractionDigitsMax} decimal places` };
  const amount = new Decimal(fraction === '' ? integer : `${integer}.${fraction}`);
  const code = leadCode ?? trailCode;
  const currency = code === undefined ? undefined : symbols.has(code) ? symbols.get(code) : code;
  const negative = (open !== undefined || signs[0] === '-') && !amount.isZero();
  return { ok: true, value: currency === undefined ? { amount, negative } : { amount, negative, currency } };
}
