import { Decimal } from '../../common/money/decimal.js';
import type { ReconRecord } from './recon-record.js';
import type { SourceItem, StatementBalances } from './recon-source.js';
import { StatementBalanceCheck, type RecordedStatement } from './statement-balance-check.js';

const entry = (statementKey: string, amount: string, direction: 'credit' | 'debit', currency = 'EUR'): SourceItem => ({
  kind: 'record',
  record: { side: 'external', key: `${statementKey}-${amount}-${direction}`, reference: '', amount: new Decimal(amount), currency, occurredAt: new Date(0), direction, statementKey } as ReconRecord,
});
const balances = (key: string, opening: [string, string] | undefined, closing: [string, string] | undefined, currency = 'EUR'): SourceItem => ({
  kind: 'statement',
  statement: {
    key, account: 'NL91ABNA0417164300', currency, location: `statement ${key}`,
    ...(opening ? { opening: { amount: new Decimal(opening[0]), date: opening[1] } } : {}),
    ...(closing ? { closing: { amount: new Decimal(closing[0]), date: closing[1] } } : {}),
  } as StatementBalances,
});

/** Given items, when the check finishes (with an optional earlier statement on record), then these findings. */
function findingsOf(items: SourceItem[], earlier?: RecordedStatement): string[] {
  const check = new StatementBalanceCheck();
  for (const item of items) check.observe(item);
  return check.finish(() => earlier).findings.map((finding) => `${finding.code}: ${finding.message}`);
}

describe('StatementBalanceCheck', () => {
  it('accepts opening + credits - debits = closing, with a debit (negative) opening balance', () => {
    expect(findingsOf([entry('s1', '100.50', 'credit'), entry('s1', '20.25', 'debit'), balances('s1', ['-50.00', '2025-03-01'], ['30.25', '2025-03-02'])])).toEqual([]);
  });

  it('reports a break with both sides and the difference, and mentions rejected entries', () => {
    const rejected: SourceItem = { kind: 'rejected', line: 4, reason: 'amount: missing' };
    expect(findingsOf([entry('s1', '10', 'credit'), rejected, balances('s1', ['0', '2025-03-01'], ['15', '2025-03-02'])])).toEqual([
      'statement_balance_break: statement s1: opening 0.00 + entries 10.00 = 10.00, but the closing balance is 15.00 EUR (difference 5.00) (1 rejected entries in the file are not counted)',
    ]);
  });

  it('finds a gap and an overlap between statements of one account in one file', () => {
    expect(
      findingsOf([
        entry('a', '10', 'credit'), balances('a', ['0', '2025-03-01'], ['10', '2025-03-02']),
        balances('b', ['12', '2025-03-02'], ['12', '2025-03-03']),
        balances('c', ['12', '2025-03-02'], ['12', '2025-03-04']),
      ]),
    ).toEqual([
      'statement_gap: statement b: opens at 12.00 EUR, but the previous statement of NL91ABNA0417164300 closed at 10.00 on 2025-03-02: entries between them are missing',
      'statement_overlap: statement c: opens on 2025-03-02, before the previous statement of NL91ABNA0417164300 closed on 2025-03-03',
    ]);
  });

  it('compares the first statement of a file with the one on record, and ignores the same statement imported again', () => {
    const earlier: RecordedStatement = { account: 'NL91ABNA0417164300', currency: 'EUR', openingAmount: new Decimal(0), openingDate: '2025-03-01', closingAmount: new Decimal('10'), closingDate: '2025-03-02' };
    expect(findingsOf([balances('x', ['9.99', '2025-03-02'], ['9.99', '2025-03-03'])], earlier)).toHaveLength(1);
    expect(findingsOf([entry('x', '10', 'credit'), balances('x', ['0', '2025-03-01'], ['10', '2025-03-02'])], earlier)).toEqual([]);
  });

  it('derives the opening of a closing-only statement (OFX) and checks it against the previous closing', () => {
    const earlier: RecordedStatement = { account: 'NL91ABNA0417164300', currency: 'EUR', openingAmount: null, openingDate: null, closingAmount: new Decimal('100'), closingDate: '2025-03-02' };
    expect(findingsOf([entry('o', '5', 'debit'), balances('o', undefined, ['95', '2025-03-03'])], earlier)).toEqual([]);
    expect(findingsOf([entry('o', '5', 'debit'), balances('o', undefined, ['96', '2025-03-03'])], earlier)).toEqual([
      'statement_gap: statement o: opens at 101.00 EUR, but the previous statement of NL91ABNA0417164300 closed at 100.00 on 2025-03-02: entries between them are missing',
    ]);
  });

  it('skips the sum of a statement with entries in another currency, and says so', () => {
    expect(findingsOf([entry('m', '10', 'credit', 'USD'), balances('m', ['0', '2025-03-01'], ['0', '2025-03-02'])])).toEqual([
      'statement_currency_mismatch: statement m: entries in USD on a EUR statement; the balance check is skipped',
    ]);
  });
});
