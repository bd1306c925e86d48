import { Decimal } from '../../../../common/money/decimal.js';

/**
 * The small value types MT940 fields share: six-digit dates and amounts with a decimal comma. Values come
 * back as text in the form records use, so the shared checks (calendar dates, amount limits) judge them.
 */

/**
 * YYMMDD as YYYY-MM-DD. SWIFT gives two-digit years; statements reconciled today are from this century,
 * so every year is 20YY. The result may still be no calendar date (250231): statementEntryItem says so.
 */
export function swiftDate(yymmdd: string): string {
  return `20${yymmdd.slice(0, 2)}-${yymmdd.slice(2, 4)}-${yymmdd.slice(4, 6)}`;
}

/**
 * The :61: entry (booking) date gives only MMDD; its year is the value date's, or the one before or after
 * when the two straddle a year end (value 2025-01-02, entry 12-31 is 2024-12-31).
 */
export function entryDate(valueDate: string, mmdd: string): string {
  const valueYear = Number(valueDate.slice(0, 4));
  const monthsApart = Number(mmdd.slice(0, 2)) - Number(valueDate.slice(5, 7));
  const year = monthsApart > 6 ? valueYear - 1 : monthsApart < -6 ? valueYear + 1 : valueYear;
  return `${year}-${mmdd.slice(0, 2)}-${mmdd.slice(2, 4)}`;
}

/** Digits with a decimal comma ("1234,56", "10,", "0,5"), as MT940 writes every amount; no sign, no dot. */
export const swiftAmountPattern = /^\d+,\d*$/;

export function swiftAmount(text: string): Decimal {
  const [integer, fraction] = text.split(',');
  return new Decimal(fraction === '' ? integer : `${integer}.${fraction}`);
}

/** A field's parsed value, or why it could not be read (a plain sentence for the rejected item). */
export type Parsed<T> = { readonly value: T } | { readonly problem: string };
