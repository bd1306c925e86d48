import { createHash } from 'node:crypto';
import { keyLengthMax } from '../../../domain/limits.js';

/**
 * Ids for 16 records without a bank reference number: the account, booking date, type code, amount and
 * customer reference, plus the occurrence number among identical entries, so a rerun of the same file
 * gives the same ids. One instance per account section; it holds one counter per distinct id-less entry.
 */
export class Bai2DerivedIds {
  private readonly occurrences = new Map<string, number>();

  /** `scope` names the account section: the account number, with "~2" for its second section on the same day. */
  constructor(private readonly scope: string) {}

  next(entry: { bookingDate?: string; typeCode: string; amount: string; reference: string }): string {
    const base = [this.scope, entry.bookingDate ?? '', entry.typeCode, entry.amount, entry.reference].join(':');
    const occurrence = (this.occurrences.get(base) ?? 0) + 1;
    this.occurrences.set(base, occurrence);
    const id = `${base}:${occurrence}`;
    // A long account number plus a long reference would not fit a record key: a digest is as stable.
    return id.length <= keyLengthMax ? id : `sha256:${createHash('sha256').update(id).digest('hex')}`;
  }
}
