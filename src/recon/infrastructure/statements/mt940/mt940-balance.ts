import type { Decimal } from '../../../../common/money/decimal.js';
import { amountFractionDigitsMax, amountIntegerDigitsMax } from '../../../domain/limits.js';
import { isCalendarDate } from '../statement-entry.js';
import { swiftAmount, swiftAmountPattern, swiftDate, type Parsed } from './mt940-values.js';

export interface Mt940Balance {
  /** Signed: a debit balance (the account is overdrawn) is negative. */
  readonly amount: Decimal;
  readonly date: string;
  readonly currency: string;
}

const balancePattern = /^([CD])(\d{6})([A-Z]{3})(\d+,\d*)$/;

/** The value of :60F:/:60M:/:62F:/:62M: ("C250331EUR1234,56"). */
export function parseBalance(text: string): Parsed<Mt940Balance> {
  const match = balancePattern.exec(text.trimEnd());
  if (match === null) return { problem: balanceShapeProblem(text.trimEnd()) };
  const [, mark, yymmdd, currency, amountText] = match;
  const date = swiftDate(yymmdd);
  if (!isCalendarDate(date)) return { problem: `date: '${yymmdd}' is not a calendar date (YYMMDD)` };
  const [integer, fraction] = amountText.split(',');
  if (integer.replace(/^0+(?=\d)/, '').length > amountIntegerDigitsMax) return { problem: `amount: more than ${amountIntegerDigitsMax} integer digits` };
  if (fraction.length > amountFractionDigitsMax) return { problem: `amount: more than ${amountFractionDigitsMax} decimal places` };
  const amount = swiftAmount(amountText);
  return { value: { amount: mark === 'D' ? amount.negated() : amount, date, currency } };
}

/** Names the first part that is wrong, so a reader of the report knows what to look at. */
function balanceShapeProblem(text: string): string {
  if (!/^[CD]/.test(text)) return 'expected C or D (credit or debit balance) first';
  if (!/^.\d{6}/.test(text)) return 'expected a date YYMMDD after the C/D mark';
  if (!/^.\d{6}[A-Z]{3}/.test(text)) return 'expected an ISO 4217 currency code after the date';
  return 'expected the amount with a decimal comma (e.g. 1234,56) after the currency';
}
