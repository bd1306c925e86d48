import { createHash } from 'node:crypto';
import type { Decimal } from '../../../../common/money/decimal.js';
import { keyLengthMax } from '../../../domain/limits.js';

export interface EntryIdParts {
  readonly account: string;
  readonly bookingDate: string;
  readonly amount: Decimal;
  readonly direction: 'credit' | 'debit';
  readonly reference: string;
}

/**
 * Ids for entries whose bank gave no reference ("//" missing or NONREF): built from what identifies the
 * entry, plus the occurrence number among identical entries of the file, so reading the same file again
 * gives the same ids. Memory grows with the distinct entries that need one, like the CSV duplicate check.
 */
export class DerivedEntryIds {
  private readonly seen = new Map<string, number>();

  next(parts: EntryIdParts): string {
    const signed = parts.direction === 'debit' ? `-${parts.amount.toFixed()}` : parts.amount.toFixed();
    const base = `${parts.account}/${parts.bookingDate}/${signed}/${parts.reference}`;
    const occurrence = (this.seen.get(base) ?? 0) + 1;
    this.seen.set(base, occurrence);
    const id = `${base}/${occurrence}`;
    // Readable when it fits; a long account and reference would exceed the key limit, so hash those.
    return id.length <= keyLengthMax ? id : `mt940:${createHash('sha256').update(id).digest('hex').slice(0, 40)}`;
  }
}
