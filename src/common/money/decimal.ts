import { Decimal as DecimalJs } from 'decimal.js';

/**
 * The one Decimal type for money in Tally. decimal.js defaults to 20 significant digits, which silently
 * rounds an 18-digit amount with 4 decimals; this clone keeps 60 digits and never switches to exponent
 * notation, so `toString()` and `toFixed()` are always plain decimal strings.
 */
export const Decimal = DecimalJs.clone({
  precision: 60,
  rounding: DecimalJs.ROUND_HALF_EVEN,
  toExpNeg: -60,
  toExpPos: 60,
});
export type Decimal = DecimalJs;
