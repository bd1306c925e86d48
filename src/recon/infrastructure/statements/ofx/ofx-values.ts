import { Decimal } from '../../../../common/money/decimal.js';

/**
 * A signed OFX amount: "-12.50", "+3", ".5". Some 2.x exports write a decimal comma ("-12,50"); a value
 * with both a point and a comma is refused, since OFX has no thousands separator to tell which is which.
 */
const amountPattern = /^([+-]?)(\d*)(?:[.,](\d*))?$/;

export function ofxAmount(text: string): Decimal | undefined {
  const match = amountPattern.exec(text);
  if (match === null || (match[2] === '' && (match[3] ?? '') === '')) return undefined;
  const [, sign, integer, fraction = ''] = match;
  return new Decimal(`${sign}${integer === '' ? '0' : integer}${fraction === '' ? '' : `.${fraction}`}`);
}

/**
 * YYYYMMDD, optionally with HHMMSS, milliseconds and a zone ("20250331120000.000[-5:EST]"). The date is
 * the booking date as the bank wrote it: shifting it by the zone offset would move a booking made late in
 * the bank's evening to another day than the statement shows.
 */
const datePattern = /^(\d{4})(\d{2})(\d{2})(?:\d{2}(?:\d{2}(?:\d{2}(?:\.\d{1,6})?)?)?)?\s*(?:\[\s*[+-]?\d{1,2}(?:\.\d+)?(?::[A-Za-z]{1,6})?\s*\])?$/;

/** YYYY-MM-DD as written (not checked against the calendar: statementEntryItem does that), or undefined. */
export function ofxDate(text: string): string | undefined {
  const match = datePattern.exec(text);
  return match === null ? undefined : `${match[1]}-${match[2]}-${match[3]}`;
}

export const ofxDateFormat = 'YYYYMMDD[HHMMSS[.XXX]][[offset:zone]]';
