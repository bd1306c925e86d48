import { createHash } from 'node:crypto';
import type { Decimal } from '../../../common/money/decimal.js';

/** What identifies a row of a file without an id column. */
export interface RowContent {
  /** The booking date (YYYY-MM-DD) or the instant (ISO 8601) of the row. */
  readonly when: string;
  readonly amount: Decimal;
  readonly direction?: 'credit' | 'debit';
  readonly currency: string;
  readonly reference: string;
  readonly description?: string;
}

/**
 * Keys for files without an id column are this hash plus ":n", the row's occurrence among identical rows
 * (repeated-ids.ts numbers them). The same file read again, or an overlapping export of the same days, gives
 * the same keys, provided identical rows keep their order. Two genuinely identical rows on one day are two
 * movements (two coffees), so they get ":1" and ":2" instead of being refused as duplicates.
 */
/** 20 hex digits (80 bits) of SHA-256 over the fields, each normalised so formatting does not change the key. */
export function contentHash(content: RowContent): string {
  const fields = [
    content.when,
    content.amount.toFixed(),
    content.direction ?? '',
    content.currency,
    content.reference.trim(),
    content.description?.trim() ?? '',
  ];
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex').slice(0, 20);
}
