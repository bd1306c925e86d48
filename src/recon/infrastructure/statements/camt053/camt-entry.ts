import { Decimal } from '../../../../common/money/decimal.js';
import { storableText } from '../../../../common/storable-text.js';
import { rejectedRawCharsMax } from '../../../domain/limits.js';
import type { SourceItem } from '../../../domain/recon-source.js';
import { statementEntryItem, type StatementEntryFields, type StatementEntryPosition } from '../statement-entry.js';
import type { StatementHeader } from './camt-statement.js';
import { amountOf, type CamtAmount, dayOf, decimalPlaces, directionOf, isTrue } from './camt-values.js';
import type { DerivedIds } from './derived-ids.js';
import { child, descendants, serialized, textAt, type XmlElement } from './xml-element.js';

type Direction = 'credit' | 'debit';

/** The entry as compact XML, for a rejected item's `raw`. */
type RawText = () => string;

/** Where an entry is and what its statement says, for turning one closed Ntry into items. */
export interface EntryContext {
  readonly statement: StatementHeader;
  /** 1-based among all entries of the file. */
  readonly ordinal: number;
  /** Element path, e.g. "Document/BkToCstmrStmt/Stmt[2]/Ntry[5]". */
  readonly path: string;
  readonly defaultCurrency?: string;
  readonly derivedIds: DerivedIds;
}

/** One TxDtls with its path below the Ntry ("NtryDtls[1]/TxDtls[2]"). */
interface Detail {
  readonly element: XmlElement;
  readonly path: string;
}

const notBooked: Readonly<Record<string, string>> = { PDNG: 'pending', INFO: 'information', FUTR: 'future' };

/**
 * The items of one Ntry: a record per entry, or one per TxDtls of a batch booking (ids "<id>/<n>", one
 * groupId), or a single rejected item for the whole entry. CdtDbtInd is the direction of the booking
 * itself, also for a reversal (ISO 20022: "CRDT with RvslInd true: the original entry was a debit"),
 * so the statement's balances add up; a reversal keeps "reversal" in its description.
 */
export function entryItems(entry: XmlElement, context: EntryContext): SourceItem[] {
  const position = positionOf(entry, context);
  // Serialized only for a rejection: most entries become records.
  const raw = () => serialized(entry, rejectedRawCharsMax);
  const status = textAt(entry, 'Sts') ?? textAt(entry, 'Sts', 'Cd') ?? textAt(entry, 'Sts', 'Prtry');
  if (status !== undefined && status !== 'BOOK') {
    const kind = Object.hasOwn(notBooked, status) ? `${notBooked[status]} entry` : 'entry';
    return [rejected(position, [`${kind} (status ${status}), not booked`], raw)];
  }
  const amount = amountOf(child(entry, 'Amt'), 'amount');
  const direction = directionOf(textAt(entry, 'CdtDbtInd'), 'credit/debit indicator');
  const reversal = isTrue(textAt(entry, 'RvslInd'));
  const details = detailsOf(entry);
  const common: StatementEntryFields = {
    currency: child(entry, 'Amt')?.attributes.Ccy?.trim() || context.defaultCurrency,
    bookingDate: dayOf(child(entry, 'BookgDt')),
    valueDate: dayOf(child(entry, 'ValDt')),
    description: joined([reversal ? 'reversal' : undefined, textAt(entry, 'AddtlNtryInf')]),
    statementKey: context.statement.key,
  };
  const firstDetail = details.length === 1 ? detailFields(details[0].element, originalDirection(direction, reversal), common.description) : {};
  const entryFields: StatementEntryFields = {
    ...common,
    id: entryId(entry, details, common, amount, direction, firstDetail.reference, context),
    amount: 'value' in amount ? amount.value.amount : undefined,
    direction: 'value' in direction ? direction.value : undefined,
  };
  const problems = [amount, direction].flatMap((read) => ('problem' in read ? [read.problem] : []));
  if (problems.length > 0 || !('value' in amount) || !('value' in direction)) return [checked(entryFields, position, raw, problems)];
  if (details.length <= 1) return [singleItem(entryFields, details[0], firstDetail, amount.value, position, raw)];
  return batchItems(entryFields, details, amount.value, direction.value, reversal, entry, context, raw);
}

/** An entry with at most one detail: the entry's own amount; a detail amount in its currency must agree. */
function singleItem(
  entryFields: StatementEntryFields,
  detail: Detail | undefined,
  fields: Partial<StatementEntryFields>,
  entryAmount: CamtAmount,
  position: StatementEntryPosition,
  raw: RawText,
): SourceItem {
  if (detail !== undefined) {
    const amount = detailAmount(detail, 1, entryFields.currency, entryFields.direction!);
    if ('problem' in amount) return rejected(position, [amount.problem], raw);
    if (amount.value !== undefined && !signed(amount.value).eq(entryAmount.amount)) {
      return rejected(position, [sumProblem([amount.value], entryAmount, entryFields.currency)], raw);
    }
  }
  return checked({ ...entryFields, ...fields }, position, raw, []);
}

/** A batch booking: one record per TxDtls, all or none (when the detail amounts do not add up to the entry). */
function batchItems(
  entryFields: StatementEntryFields,
  details: Detail[],
  entryAmount: CamtAmount,
  direction: Direction,
  reversal: boolean,
  entry: XmlElement,
  context: EntryContext,
  raw: RawText,
): SourceItem[] {
  const position = positionOf(entry, context);
  const problems: string[] = [];
  const signedAmounts: SignedAmount[] = [];
  details.forEach((detail, index) => {
    const amount = detailAmount(detail, index + 1, entryFields.currency, direction);
    if ('problem' in amount) problems.push(amount.problem);
    else if (amount.value === undefined) problems.push(`detail ${index + 1} (${detail.path}) amount: none in ${entryFields.currency ?? 'the entry currency'}`);
    else signedAmounts.push(amount.value);
  });
  if (problems.length > 0) return [rejected(position, problems, raw)];
  if (!sum(signedAmounts).eq(entryAmount.amount)) return [rejected(position, [sumProblem(signedAmounts, entryAmount, entryFields.currency)], raw)];
  const groupId = entryFields.id!;
  return details.map((detail, index) => {
    const { amount, direction: detailDirection } = signedAmounts[index];
    const fields = detailFields(detail.element, originalDirection({ value: detailDirection }, reversal), entryFields.description);
    const record = { ...entryFields, ...fields, id: `${groupId}/${index + 1}`, groupId, amount: amount.amount, direction: detailDirection };
    return checked(record, positionOf(entry, context, detail.path), raw, []);
  });
}

/** A detail's amount in the entry's direction terms: `sign` -1 when the detail runs against the entry (netting). */
interface SignedAmount {
  readonly amount: CamtAmount;
  readonly direction: Direction;
  readonly sign: 1 | -1;
}

/**
 * The amount of one TxDtls in the entry's currency: AmtDtls/TxAmt (the booked amount), else TxDtls/Amt.
 * Undefined when the detail has none in that currency (then only its instructed or counter-value amounts,
 * in other currencies, are given).
 */
function detailAmount(detail: Detail, number: number, currency: string | undefined, entryDirection: Direction): { value: SignedAmount | undefined } | { problem: string } {
  const label = `detail ${number} (${detail.path})`;
  const candidates = [child(detail.element, 'AmtDtls', 'TxAmt', 'Amt'), child(detail.element, 'Amt')].filter((element) => element !== undefined);
  const indicator = textAt(detail.element, 'CdtDbtInd');
  const direction = indicator === undefined ? { value: entryDirection } : directionOf(indicator, `${label} credit/debit indicator`);
  if ('problem' in direction) return direction;
  for (const candidate of candidates) {
    const amount = amountOf(candidate, `${label} amount`);
    if ('problem' in amount) return amount;
    if (amount.value.currency === undefined || amount.value.currency === currency) {
      return { value: { amount: amount.value, direction: direction.value, sign: direction.value === entryDirection ? 1 : -1 } };
    }
  }
  return { value: undefined };
}

function signed(amount: SignedAmount): Decimal {
  return amount.sign === 1 ? amount.amount.amount : amount.amount.amount.negated();
}

function sum(amounts: SignedAmount[]): Decimal {
  return amounts.reduce((total, amount) => total.plus(signed(amount)), new Decimal(0));
}

function sumProblem(amounts: SignedAmount[], entryAmount: CamtAmount, entryCurrency: string | undefined): string {
  const places = decimalPlaces(entryAmount.text, ...amounts.map((amount) => amount.amount.text));
  const currency = entryCurrency === undefined ? '' : ` ${entryCurrency}`;
  const count = amounts.length === 1 ? 'the detail amounts' : `the ${amounts.length} details sum`;
  return `${count} to ${sum(amounts).toFixed(places)}${currency}, but the entry amount is ${entryAmount.amount.toFixed(places)}${currency}`;
}

function detailsOf(entry: XmlElement): Detail[] {
  return descendants(entry, 'NtryDtls').flatMap((group) =>
    descendants(group, 'TxDtls').map((element) => ({ element, path: `NtryDtls[${group.index}]/TxDtls[${element.index}]` })),
  );
}

/** Reference, end-to-end id, other party and extra text (after the entry's `description`) of one TxDtls. */
function detailFields(detail: XmlElement, original: Direction | undefined, description: string | undefined): Partial<StatementEntryFields> {
  const unstructured = joined(descendants(detail, 'RmtInf', 'Ustrd').map((line) => line.text.trim()), ' ');
  const creditorReference = descendants(detail, 'RmtInf', 'Strd', 'CdtrRefInf', 'Ref').map((ref) => ref.text.trim()).find((ref) => ref !== '');
  const endToEndId = textAt(detail, 'Refs', 'EndToEndId');
  return {
    reference: unstructured ?? creditorReference,
    endToEndId: endToEndId === 'NOTPROVIDED' ? undefined : endToEndId,
    counterparty: original === undefined ? undefined : counterpartyOf(detail, original === 'credit' ? 'Dbtr' : 'Cdtr'),
    description: joined([description, textAt(detail, 'AddtlTxInf')]),
  };
}

/** The other party: the debtor of money that came in, the creditor of money that went out (name, then account). */
function counterpartyOf(detail: XmlElement, role: 'Dbtr' | 'Cdtr'): string | undefined {
  const name = textAt(detail, 'RltdPties', role, 'Nm') ?? textAt(detail, 'RltdPties', role, 'Pty', 'Nm');
  const account = textAt(detail, 'RltdPties', `${role}Acct`, 'Id', 'IBAN') ?? textAt(detail, 'RltdPties', `${role}Acct`, 'Id', 'Othr', 'Id');
  if (name !== undefined && account !== undefined) return `${name} (${account})`;
  return name ?? account;
}

/** The direction of the booking a reversal undoes: parties are named as in that original booking. */
function originalDirection(direction: { value: Direction } | { problem: string }, reversal: boolean): Direction | undefined {
  if (!('value' in direction)) return undefined;
  if (!reversal) return direction.value;
  return direction.value === 'credit' ? 'debit' : 'credit';
}

/** Ntry/AcctSvcrRef; else the only detail's Refs/AcctSvcrRef; else "<statement>/<NtryRef>"; else a derived id. */
function entryId(
  entry: XmlElement,
  details: Detail[],
  common: StatementEntryFields,
  amount: ReturnType<typeof amountOf>,
  direction: ReturnType<typeof directionOf>,
  reference: string | undefined,
  context: EntryContext,
): string {
  const bankId = textAt(entry, 'AcctSvcrRef') ?? (details.length === 1 ? textAt(details[0].element, 'Refs', 'AcctSvcrRef') : undefined);
  if (bankId !== undefined) return bankId;
  const entryReference = textAt(entry, 'NtryRef');
  if (entryReference !== undefined) return `${context.statement.key}/${entryReference}`;
  const text = 'value' in amount ? amount.value.text : '?';
  const signedText = 'value' in direction && direction.value === 'debit' ? `-${text}` : text;
  const account = context.statement.account ?? context.statement.key;
  return context.derivedIds.next(account, common.bookingDate ?? '', signedText, reference ?? '');
}

/**
 * statementEntryItem's record or rejection, with this format's own problems (a malformed amount or
 * indicator) first; its own message for a field already named here is dropped ("amount: missing").
 */
function checked(fields: StatementEntryFields, position: StatementEntryPosition, raw: RawText, problems: string[]): SourceItem {
  const item = statementEntryItem(fields, position);
  if (problems.length === 0) return item.kind === 'rejected' ? { ...item, raw: raw() } : item;
  const named = new Set(problems.map(fieldOf));
  const theirs = item.kind === 'rejected' ? item.reason.split('; ').filter((problem) => !named.has(fieldOf(problem))) : [];
  return rejected(position, [...problems, ...theirs], raw);
}

function fieldOf(problem: string): string {
  return problem.slice(0, problem.indexOf(':'));
}

/** "entry 7 (Document/BkToCstmrStmt/Stmt[2]/Ntry[5])", at the line where the Ntry starts; `below` for a detail. */
function positionOf(entry: XmlElement, context: EntryContext, below?: string): StatementEntryPosition {
  const path = below === undefined ? context.path : `${context.path}/${below}`;
  return { line: entry.line, location: `entry ${context.ordinal} (${path})` };
}

function rejected(position: StatementEntryPosition, problems: string[], raw: RawText): SourceItem {
  return { kind: 'rejected', line: position.line, location: position.location, reason: storableText(problems.join('; ')), raw: raw() };
}

function joined(parts: (string | undefined)[], separator = '; '): string | undefined {
  const present = parts.filter((part): part is string => part !== undefined && part !== '');
  return present.length === 0 ? undefined : present.join(separator);
}
