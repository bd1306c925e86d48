import { Decimal } from '../../../common/money/decimal.js';
import { formatAmount } from '../reason-format.js';
import type { AmountTolerance } from './match-rule.js';

const hundred = new Decimal(100);

/**
 * The largest difference `tolerance` accepts against `base` (the ledger amount for a pair, the target for a
 * group): the greater of the absolute bound and the percentage of |base| (see AmountTolerance for why
 * either bound suffices). Zero when neither is given: the amounts must then be equal. Decimal throughout,
 * so 1.05 vs 1.00 at 0.05 is exactly at the bound.
 */
export function toleratedDiff(tolerance: AmountTolerance, base: Decimal): Decimal {
  const absolute = tolerance.absolute ?? new Decimal(0);
  if (tolerance.percent === undefined) return absolute;
  const relative = base.abs().times(tolerance.percent).div(hundred);
  return Decimal.max(absolute, relative);
}

/** Signed amounts compare as numbers: -1.05 vs -1.00 differ by 0.05, 1.00 vs -1.00 by 2.00. */
export function amountDifference(a: Decimal, b: Decimal): Decimal {
  return a.minus(b).abs();
}

export function describeTolerance(tolerance: AmountTolerance): string {
  const parts = [tolerance.absolute && formatAmount(tolerance.absolute), tolerance.percent && `${tolerance.percent.toString()}%`].filter(Boolean);
  return parts.length === 0 ? 'no difference' : parts.join(' or ');
}
