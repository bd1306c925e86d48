import { createHash } from 'node:crypto';
import { Decimal } from '../../../../common/money/decimal.js';
import { storableText } from '../../../../common/storable-text.js';
import { keyLengthMax, rejectedRawCharsMax } from '../../../domain/limits.js';
import type { SourceItem } from '../../../domain/recon-source.js';
import { statementEntryItem, type StatementEntryFields, type StatementEntryPosition } from '../statement-entry.js';
import { ofxAmount, ofxDate, ofxDateFormat } from './ofx-values.js';

/** One <STMTTRN>: its leaves by path below it ("TRNAMT", "PAYEE/NAME"), the first of each kept. */
export interface OfxTransaction {
  readonly position: StatementEntryPosition;
  readonly leaves: ReadonlyMap<string, string>;
}

/** What an entry takes from its statement. */
export interface OfxEntryContext {
  readonly statementKey: string;
  readonly account: string;
  /** CURDEF, or the source's default currency. */
  readonly currency?: string;
  /** How often each derived id base was seen in this statement, so identical entries get #1, #2, ... */
  readonly derivedIdCounts: Map<string, number>;
}

/** Stand-ins for fields this format already refused, so statementEntryItem still reports the others. */
const placeholderAmount = new Decimal(0);
const placeholderDate = '2000-01-01';

/**
 * Maps one OFX transaction onto statement entry fields and lets statementEntryItem decide. OFX-specific
 * refusals (a TRNAMT or date that does not parse) come first in the reason, followed by the shared checks.
 */
export function ofxEntryItem(transaction: OfxTransaction, context: OfxEntryContext): SourceItem {
  const value = (path: string): string | undefined => transaction.leaves.get(path) || undefined;
  const problems: string[] = [];

  const amountText = value('TRNAMT');
  const amount = amountText === undefined ? undefined : ofxAmount(amountText);
  if (amountText !== undefined && amount === undefined) problems.push(`TRNAMT: '${amountText}' is not an amount`);
  const dateOf = (name: string): string | undefined => {
    const text = value(name);
    if (text === undefined) return undefined;
    const date = ofxDate(text);
    if (date === undefined) problems.push(`${name}: '${text}' is not an OFX date (${ofxDateFormat})`);
    return date;
  };
  const bookingDate = dateOf('DTPOSTED');
  const valueDate = dateOf('DTUSER');
  const reference = value('REFNUM') ?? value('CHECKNUM');

  const fields: StatementEntryFields = {
    id: value('FITID') ?? derivedId(context, [bookingDate ?? value('DTPOSTED'), amount?.toFixed() ?? amountText, reference]),
    reference,
    amount: amount ?? (amountText === undefined ? undefined : placeholderAmount),
    currency: (value('CURRENCY/CURSYM') ?? context.currency)?.toUpperCase(),
    bookingDate: bookingDate ?? (value('DTPOSTED') === undefined ? undefined : placeholderDate),
    valueDate: valueDate ?? (value('DTUSER') === undefined ? undefined : placeholderDate),
    counterparty: counterparty(value),
    description: description(value),
    statementKey: context.statementKey,
  };
  const item = statementEntryItem(fields, transaction.position);
  if (problems.length === 0 && item.kind === 'record') return item;
  if (item.kind === 'rejected') problems.push(item.reason);
  // Built only for a rejection: most entries are records and never need it.
  return { kind: 'rejected', line: transaction.position.line, location: transaction.position.location, reason: storableText(problems.join('; ')), raw: storableText(rawText(transaction.leaves)) };
}

/**
 * For an entry without FITID: account, booking date, signed amount and reference, plus which occurrence of
 * that combination it is in the statement, so a rerun of the same file gives the same ids. Hashed when too
 * long for a key.
 */
function derivedId(context: OfxEntryContext, parts: (string | undefined)[]): string {
  const base = [context.account, ...parts.map((part) => part ?? '')].join(':');
  const occurrence = (context.derivedIdCounts.get(base) ?? 0) + 1;
  context.derivedIdCounts.set(base, occurrence);
  const id = `${base}#${occurrence}`;
  if (id.length <= keyLengthMax) return id;
  return `sha256:${createHash('sha256').update(base).digest('hex')}#${occurrence}`;
}

/** NAME, or the PAYEE aggregate's NAME (some exports write PAYEE as a leaf), with the other party's account. */
function counterparty(value: (path: string) => string | undefined): string | undefined {
  const name = value('NAME') ?? value('PAYEE/NAME') ?? value('PAYEE');
  const account = value('BANKACCTTO/ACCTID') ?? value('CCACCTTO/ACCTID');
  if (account === undefined) return name;
  return name === undefined ? account : `${name} (${account})`;
}

/**
 * MEMO, plus what else a reader of the report needs: the currency of an entry not in CURDEF (CURRENCY: the
 * amount is in it), the original currency of a converted one (ORIGCURRENCY: the amount is already in CURDEF,
 * as the OFX specification defines it), and the entry a correction replaces or deletes.
 */
function description(value: (path: string) => string | undefined): string | undefined {
  const notes: string[] = [];
  const memo = value('MEMO');
  if (memo !== undefined) notes.push(memo);
  const own = value('CURRENCY/CURSYM');
  if (own !== undefined) notes.push(`amount in ${own}${rateNote(value('CURRENCY/CURRATE'))}`);
  const original = value('ORIGCURRENCY/CURSYM');
  if (original !== undefined) {
    notes.push(`original currency ${original}${rateNote(value('ORIGCURRENCY/CURRATE'))}`);
  }
  const corrected = value('CORRECTFITID');
  if (corrected !== undefined) notes.push(`correction (${value('CORRECTACTION') ?? 'REPLACE'}) of FITID ${corrected}`);
  return notes.length === 0 ? undefined : notes.join('; ');
}

function rateNote(rate: string | undefined): string {
  return rate === undefined ? '' : ` at rate ${rate}`;
}

function rawText(leaves: ReadonlyMap<string, string>): string {
  const text = [...leaves].map(([path, value]) => `<${path}>${value}`).join('');
  return text.length <= rejectedRawCharsMax ? text : `${text.slice(0, rejectedRawCharsMax - 1)}…`;
}
