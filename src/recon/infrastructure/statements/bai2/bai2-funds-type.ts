import { unsignedAmountPattern } from './bai2-amounts.js';
import { bai2Date } from './bai2-dates.js';
import type { Bai2Fields } from './bai2-fields.js';

export interface Bai2FundsType {
  /** YYYY-MM-DD from funds type V. */
  readonly valueDate?: string;
  readonly problems: string[];
}

/** Distributions a funds type D may announce before the number is a corrupt record, not availability data. */
const distributionsMax = 64;

/**
 * Reads a funds type and the fields it adds: 0/1/2/Z and blank add none; V adds a value date (YYMMDD) and
 * a time; S adds immediate, one-day and two-or-more-day availability amounts; D adds a count and that many
 * (days, amount) pairs. The availability amounts are not part of the control totals.
 */
export function readFundsType(fields: Bai2Fields): Bai2FundsType {
  const code = fields.nextOrEmpty().toUpperCase();
  switch (code) {
    case '':
    case '0':
    case '1':
    case '2':
    case 'Z':
      return { problems: [] };
    case 'V':
      return valueDated(fields.nextOrEmpty(), fields.nextOrEmpty());
    case 'S':
      return { problems: availabilityProblems('S', ['immediate', 'one-day', 'two-or-more-day'].map((name) => [name, fields.nextOrEmpty()])) };
    case 'D':
      return distributed(fields);
    default:
      return { problems: [`funds type '${code}' is not one of 0, 1, 2, V, S, D, Z`] };
  }
}

function valueDated(date: string, time: string): Bai2FundsType {
  const problems: string[] = [];
  const valueDate = date === '' ? undefined : bai2Date(date);
  if (date !== '' && valueDate === undefined) problems.push(`funds type V: value date '${date}' is not YYMMDD`);
  if (time !== '' && !/^\d{4}$/.test(time)) problems.push(`funds type V: value time '${time}' is not HHMM`);
  return { valueDate, problems };
}

function distributed(fields: Bai2Fields): Bai2FundsType {
  const countText = fields.nextOrEmpty();
  if (!/^\d+$/.test(countText) || Number(countText) > distributionsMax) {
    return { problems: [`funds type D: number of distributions '${countText}' is not a number up to ${distributionsMax}`] };
  }
  const pairs: [string, string][] = [];
  for (let index = 1; index <= Number(countText); index += 1) {
    const days = fields.next();
    const amount = fields.next();
    if (days === undefined || amount === undefined) return { problems: [`funds type D: ${countText} distributions announced, ${index - 1} given`] };
    if (!/^\d+$/.test(days)) return { problems: [`funds type D: days '${days}' of distribution ${index} is not a number`] };
    pairs.push([`distribution ${index}`, amount]);
  }
  return { problems: availabilityProblems('D', pairs) };
}

function availabilityProblems(code: string, amounts: [string, string][]): string[] {
  return amounts
    .filter(([, amount]) => amount !== '' && !unsignedAmountPattern.test(amount))
    .map(([name, amount]) => `funds type ${code}: ${name} amount '${amount}' is not a whole number`);
}
