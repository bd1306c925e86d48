import type { Decimal } from '../../common/money/decimal.js';
import type { ReconRecord } from './recon-record.js';

export const msPerMinute = 60_000;

export function amountDiff(a: ReconRecord, b: ReconRecord): Decimal {
  return a.amount.minus(b.amount).abs();
}

/** Whole milliseconds, so boundary checks ("exactly max minutes apart") are exact integer comparisons. */
export function timeDiffMs(a: ReconRecord, b: ReconRecord): number {
  return Math.abs(a.occurredAt.getTime() - b.occurredAt.getTime());
}
