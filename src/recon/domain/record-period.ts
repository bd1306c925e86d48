import { dateIn } from './business-day.js';
import type { ReconRecord } from './recon-record.js';

/**
 * The business date a record belongs to: its booking date when the source gives only a date, else the
 * calendar day of its instant in the business time zone.
 */
export function businessDateOf(record: ReconRecord, timeZone: string): string {
  if (record.timePrecision === 'date' && record.bookingDate !== undefined) return record.bookingDate;
  return dateIn(timeZone, record.occurredAt.getTime());
}

/** Whether `date` (YYYY-MM-DD) lies in the inclusive period; ISO dates compare as text. */
export function isWithinPeriod(date: string, period: { readonly from: string; readonly to: string }): boolean {
  return date >= period.from && date <= period.to;
}
