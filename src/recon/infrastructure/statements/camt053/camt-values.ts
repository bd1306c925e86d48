import { Decimal } from '../../../../common/money/decimal.js';
import { textAt, type XmlElement } from './xml-element.js';

/** An amount as camt writes it (ActiveOrHistoricCurrencyAndAmount): unsigned, '.' decimals, currency attribute. */
export interface CamtAmount {
  readonly amount: Decimal;
  /** The text as written, to quote it in messages with its own decimal places. */
  readonly text: string;
  readonly currency?: string;
}

export type Read<T> = { readonly value: T } | { readonly problem: string };

const unsignedDecimal = /^\d+(\.\d+)?$/;

/** The amount of an `Amt`-like element; `label` names it in problems ("amount", "detail 2 amount"). */
export function amountOf(element: XmlElement | undefined, label: string): Read<CamtAmount> {
  if (element === undefined) return { problem: `${label}: missing` };
  const text = element.text.trim();
  if (!unsignedDecimal.test(text)) return { problem: `${label}: '${text}' is not an unsigned decimal number` };
  const currency = element.attributes.Ccy?.trim();
  return { value: { amount: new Decimal(text), text, currency: currency === '' ? undefined : currency } };
}

/** CRDT (money in) or DBIT (money out) as the booking's direction. */
export function directionOf(indicator: string | undefined, label: string): Read<'credit' | 'debit'> {
  if (indicator === 'CRDT') return { value: 'credit' };
  if (indicator === 'DBIT') return { value: 'debit' };
  return { problem: indicator === undefined ? `${label}: missing` : `${label}: '${indicator}' is neither CRDT nor DBIT` };
}

/**
 * The calendar day of a DateAndDateTimeChoice (`Dt` or `DtTm`), as the bank wrote it: a DtTm keeps the
 * bank's local day, which is the booking day the statement means. Unchecked: callers check the result.
 */
export function dayOf(choice: XmlElement | undefined): string | undefined {
  const date = textAt(choice, 'Dt');
  if (date !== undefined) return date;
  const dateTime = textAt(choice, 'DtTm');
  return dateTime === undefined ? undefined : dateTime.slice(0, 10);
}

/** xs:boolean: 'true' or '1'. */
export function isTrue(text: string | undefined): boolean {
  return text === 'true' || text === '1';
}

/** The account as the file names it: IBAN, else the other (proprietary) id. */
export function accountOf(element: XmlElement | undefined): string | undefined {
  return textAt(element, 'Id', 'IBAN') ?? textAt(element, 'Id', 'Othr', 'Id');
}

/** Decimal places of the widest of `texts`, so a sum prints like the amounts it came from. */
export function decimalPlaces(...texts: string[]): number {
  return Math.max(0, ...texts.map((text) => (text.includes('.') ? text.length - text.indexOf('.') - 1 : 0)));
}
