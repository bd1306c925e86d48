import { ValidationFailed } from '../../common/errors/domain-error.js';
import { Decimal } from '../../common/money/decimal.js';
import { minorUnitsOf } from './currency.js';
import { amountIntegerDigitsMax } from './limits.js';

/** Plain decimal notation only: no sign, no exponent, no leading zeros, no bare or trailing point. */
const amountPattern = new RegExp(`^(0|[1-9][0-9]{0,${amountIntegerDigitsMax - 1}})(\\.[0-9]+)?$`);

/**
 * Parses a client's amount string for `currency`. Refuses anything that is not a positive amount with at
 * most the currency's minor-unit decimals, so "100.505" USD never gets rounded into something else.
 */
export function parseAmount(text: unknown, currency: string, field = 'amount'): Decimal {
  if (typeof text !== 'string') throw ValidationFailed.field(field, 'must be a decimal string such as "100.50", not a JSON number');
  if (!amountPattern.test(text)) {
    throw ValidationFailed.field(field, `must be a plain positive decimal string with at most ${amountIntegerDigitsMax} integer digits, such as "100.50"`);
  }
  const decimals = text.includes('.') ? text.length - text.indexOf('.') - 1 : 0;
  const minorUnits = minorUnitsOf(currency);
  if (decimals > minorUnits) throw ValidationFailed.field(field, `${currency} allows at most ${minorUnits} decimal places`);
  const amount = new Decimal(text);
  if (amount.isZero()) throw ValidationFailed.field(field, 'must be greater than zero');
  return amount;
}

/** Formats to the currency's minor unit: "450.00" USD, "1200" JPY, "1.500" KWD. */
export function formatAmount(amount: Decimal | string, currency: string): string {
  return new Decimal(amount).toFixed(minorUnitsOf(currency));
}

/** Parses an optional overdraft limit: zero is allowed (no overdraft beyond zero). */
export function parseOverdraftLimit(text: unknown, currency: string, field = 'overdraft_limit'): Decimal {
  if (text === '0' || (typeof text === 'string' && /^0\.0+$/.test(text))) return new Decimal(0);
  return parseAmount(text, currency, field);
}
