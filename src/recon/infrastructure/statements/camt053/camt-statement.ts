import type { Decimal } from '../../../../common/money/decimal.js';
import { storableText } from '../../../../common/storable-text.js';
import { rejectedRawCharsMax } from '../../../domain/limits.js';
import type { SourceItem, StatementBalances } from '../../../domain/recon-source.js';
import { isCalendarDate } from '../statement-entry.js';
import { accountOf, amountOf, dayOf, directionOf } from './camt-values.js';
import { child, descendants, serialized, textAt, type XmlElement } from './xml-element.js';

/** What a statement's entries need from its header (Id and Acct come before the first Ntry). */
export interface StatementHeader {
  readonly key: string;
  readonly account?: string;
  readonly currency?: string;
  /** Element path, e.g. "Document/BkToCstmrStmt/Stmt[2]". */
  readonly path: string;
}

type Balance = NonNullable<StatementBalances['opening']>;

/** Opening balance codes, preferred first: OPBD (opening booked), else PRCD (previous day's closing). */
const openingCodes = ['OPBD', 'PRCD'];
const closingCode = 'CLBD';

/** The header of `statement`: its account and currency (Acct/Ccy, else a balance's, else the source's default). */
export function statementHeader(statement: XmlElement, key: string, path: string, defaultCurrency?: string): StatementHeader {
  const balanceCurrency = descendants(statement, 'Bal', 'Amt').map((amount) => amount.attributes.Ccy).find((currency) => currency);
  return {
    key,
    account: accountOf(child(statement, 'Acct')),
    currency: textAt(statement, 'Acct', 'Ccy') ?? balanceCurrency ?? defaultCurrency,
    path,
  };
}

/**
 * The items a statement adds after its entries: a rejected item per malformed opening/closing balance,
 * then the statement with the balances that could be read, or a rejected item when its header lacks an
 * account or a currency (its entries are records all the same: they carry their own currency).
 */
export function statementItems(statement: XmlElement, header: StatementHeader): SourceItem[] {
  const items: SourceItem[] = [];
  const found = new Map<string, Balance>();
  for (const element of descendants(statement, 'Bal')) {
    const code = textAt(element, 'Tp', 'CdOrPrtry', 'Cd');
    if (code === undefined || (!openingCodes.includes(code) && code !== closingCode)) continue;
    const balance = balanceOf(element, header.currency);
    if ('problem' in balance) {
      const role = code === closingCode ? 'closing' : 'opening';
      items.push({
        kind: 'rejected',
        line: element.line,
        location: `${header.path}/Bal[${element.index}]`,
        reason: storableText(`${role} balance (${code}): ${balance.problem}`),
        raw: serialized(element, rejectedRawCharsMax),
      });
    } else if (!found.has(code)) {
      found.set(code, balance.value);
    }
  }
  const problems: string[] = [];
  if (header.account === undefined) problems.push('account: missing (no Acct/Id/IBAN or Acct/Id/Othr/Id)');
  if (header.currency === undefined) problems.push('currency: missing (no Acct/Ccy, no balance currency, no defaultCurrency on the source)');
  if (problems.length > 0) {
    items.push({
      kind: 'rejected',
      line: statement.line,
      location: header.path,
      reason: storableText(`statement ${header.key}: ${problems.join('; ')}`),
      raw: serialized(statement, rejectedRawCharsMax),
    });
    return items;
  }
  const opening = openingCodes.map((code) => found.get(code)).find((balance) => balance !== undefined);
  const closing = found.get(closingCode);
  const balances: StatementBalances = {
    key: header.key,
    account: header.account!,
    currency: header.currency!,
    ...(opening === undefined ? {} : { opening }),
    ...(closing === undefined ? {} : { closing }),
    location: header.path,
  };
  items.push({ kind: 'statement', statement: balances });
  return items;
}

/** A Bal element as a signed amount (a DBIT balance is overdrawn: negative) on its date. */
function balanceOf(element: XmlElement, currency: string | undefined): { value: Balance } | { problem: string } {
  const amount = amountOf(child(element, 'Amt'), 'amount');
  const direction = directionOf(textAt(element, 'CdtDbtInd'), 'credit/debit indicator');
  const date = dayOf(child(element, 'Dt'));
  const problems = [
    'problem' in amount ? amount.problem : currencyProblem(amount.value.currency, currency),
    'problem' in direction ? direction.problem : undefined,
    date === undefined ? 'date: missing' : isCalendarDate(date) ? undefined : `date: '${date}' is not a calendar date`,
  ].filter((problem): problem is string => problem !== undefined);
  if ('problem' in amount || 'problem' in direction || date === undefined || problems.length > 0) return { problem: problems.join('; ') };
  const signed: Decimal = direction.value === 'debit' ? amount.value.amount.negated() : amount.value.amount;
  return { value: { amount: signed, date } };
}

function currencyProblem(balanceCurrency: string | undefined, accountCurrency: string | undefined): string | undefined {
  if (balanceCurrency === undefined || accountCurrency === undefined || balanceCurrency === accountCurrency) return undefined;
  return `currency: ${balanceCurrency}, but the account is in ${accountCurrency}`;
}
