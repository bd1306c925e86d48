import { Decimal } from '../../../../common/money/decimal.js';

/**
 * BAI2 amounts are whole numbers of the currency's minor unit with implied decimals. ISO 4217 minor units
 * for the currencies that do not have 2; every other code (and a missing one) is read with 2.
 */
const minorUnits: Readonly<Record<string, number>> = {
  BIF: 0, CLP: 0, DJF: 0, GNF: 0, ISK: 0, JPY: 0, KMF: 0, KRW: 0, PYG: 0, RWF: 0, UGX: 0, UYI: 0, VND: 0, VUV: 0, XAF: 0, XOF: 0, XPF: 0,
  BHD: 3, IQD: 3, JOD: 3, KWD: 3, LYD: 3, OMR: 3, TND: 3,
  CLF: 4, UYW: 4,
};

export function minorUnitDigits(currency: string | undefined): number {
  return (currency !== undefined ? minorUnits[currency] : undefined) ?? 2;
}

/** A 16 amount: unsigned, the type code gives the direction. */
export const unsignedAmountPattern = /^\d+$/;
/** 03 balances and trailer control totals may carry a sign. */
export const signedAmountPattern = /^[+-]?\d+$/;

/** '-12345' in USD → -123.45. `raw` must match one of the patterns above. */
export function scaledAmount(raw: string, currency: string | undefined): Decimal {
  return new Decimal(raw).div(new Decimal(10).pow(minorUnitDigits(currency)));
}

/** Control totals are sums of the raw integers, independent of the currency. */
export function rawAmount(raw: string): bigint {
  return BigInt(raw.replace(/^\+/, ''));
}
