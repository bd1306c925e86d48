/**
 * Money as a whole number of ten-thousandths, in a BigInt: exact like decimal.js, but one BigInt per value instead of
 * a Decimal object per parse and per sum, which was most of `verify`'s time. Four places is the ledger's own limit
 * (NUMERIC(38,4) everywhere, Money refuses more), so any amount the ledger wrote fits without rounding.
 */
export type TenThousandths = bigint;

const places = 4;
const plainDecimal = /^-?\d+(?:\.\d+)?$/;
/** What a number with 0, 1, 2, 3 or 4 significant decimal places is multiplied by. */
const scaleUp = [10000n, 1000n, 100n, 10n, 1n];
const zeroCode = 48;

/** The exact value of a plain decimal string ("-12.5", "0.0001", "7.10"); undefined for anything else or a fifth non-zero place. */
export function parseTenThousandths(text: string): TenThousandths | undefined {
  // BigInt() alone would also take "", " 1", "0x1f": only plain decimals get this far.
  if (!plainDecimal.test(text)) return undefined;
  const dot = text.indexOf('.');
  if (dot === -1) return BigInt(text) * scaleUp[0];
  let end = text.length;
  while (text.charCodeAt(end - 1) === zeroCode && end > dot + 1) end--;
  const decimals = end - dot - 1;
  if (decimals > places) return undefined;
  return BigInt(text.slice(0, dot) + text.slice(dot + 1, end)) * scaleUp[decimals];
}

/** "-12.5", "450", "0.0001": the shape Decimal.toFixed() gave in findings before. */
export function formatTenThousandths(value: TenThousandths): string {
  const magnitude = (value < 0n ? -value : value).toString().padStart(places + 1, '0');
  const whole = magnitude.slice(0, -places);
  const fraction = magnitude.slice(-places).replace(/0+$/, '');
  return `${value < 0n ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}
