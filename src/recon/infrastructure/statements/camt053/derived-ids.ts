import { createHash } from 'node:crypto';

/**
 * Ids for entries the bank gave none: account, booking date, signed amount, a digest of the reference
 * (references can be long) and the occurrence number among identical entries, so a rerun of the same
 * file gives the same ids. Holds one counter per distinct id-less entry of the file.
 */
export class DerivedIds {
  private readonly seen = new Map<string, number>();

  next(account: string, bookingDate: string, signedAmount: string, reference: string): string {
    const digest = createHash('sha256').update(reference).digest('hex').slice(0, 12);
    const base = `${account}/${bookingDate}/${signedAmount}/${digest}`;
    const occurrence = (this.seen.get(base) ?? 0) + 1;
    this.seen.set(base, occurrence);
    return `${base}/${occurrence}`;
  }
}
