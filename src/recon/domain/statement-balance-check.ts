import { Decimal } from '../../common/money/decimal.js';
import { formatAmount } from './reason-format.js';
import type { ReconRecord } from './recon-record.js';
import type { SourceItem, StatementBalances } from './recon-source.js';

export type StatementFindingCode = 'statement_balance_break' | 'statement_gap' | 'statement_overlap' | 'statement_currency_mismatch';

/** A job-level finding about a statement as a whole (not a per-record log row). */
export interface StatementFinding {
  readonly code: StatementFindingCode;
  readonly statementKey: string;
  readonly account: string;
  readonly message: string;
}

/** A statement with what its entries add up to, ready to be compared with its neighbours. */
export interface CheckedStatement {
  readonly key: string;
  readonly account: string;
  readonly currency: string;
  readonly location: string;
  readonly entries: number;
  /** Credits minus debits of the statement's records. */
  readonly net: Decimal;
  /** As stated, or derived as closing - net when the format gives only a closing balance (OFX). */
  readonly opening?: { readonly amount: Decimal; readonly date?: string };
  readonly closing?: { readonly amount: Decimal; readonly date: string };
}

/** What is kept of an earlier statement of the same source and account, to find gaps and overlaps. */
export interface RecordedStatement {
  readonly account: string;
  readonly currency: string;
  readonly openingAmount: Decimal | null;
  readonly openingDate: string | null;
  readonly closingAmount: Decimal;
  readonly closingDate: string;
}

/**
 * Checks, statement by statement, that opening + entries = closing, from the items a statement source
 * yields (records carry their statementKey; each statement's balances follow its records). Holds one running
 * sum per open statement, never the records.
 */
export class StatementBalanceCheck {
  private readonly running = new Map<string, { net: Decimal; entries: number; currencies: Set<string> }>();
  private readonly statements: CheckedStatement[] = [];
  private readonly findings: StatementFinding[] = [];
  /** Rejected entries cannot be summed; a break in a statement with rejections says so. */
  private rejectedEntries = 0;

  observe(item: SourceItem): void {
    if (item.kind === 'record') this.add(item.record);
    else if (item.kind === 'rejected') this.rejectedEntries += 1;
    else if (item.kind === 'statement') this.close(item.statement);
  }

  /** The statements closed so far, in file order. */
  checked(): readonly CheckedStatement[] {
    return this.statements;
  }

  /** The statements in file order and their findings, each statement also compared with the one before it. */
  finish(previous: (statement: CheckedStatement) => RecordedStatement | undefined): { statements: CheckedStatement[]; findings: StatementFinding[] } {
    const findings = [...this.findings];
    const lastInFile = new Map<string, RecordedStatement>();
    for (const statement of this.statements) {
      const neighbourKey = `${statement.account}\u0000${statement.currency}`;
      const before = lastInFile.get(neighbourKey) ?? previous(statement);
      const continuity = before === undefined ? undefined : continuityFinding(before, statement);
      if (continuity !== undefined) findings.push(continuity);
      if (statement.closing !== undefined) lastInFile.set(neighbourKey, recorded(statement));
    }
    return { statements: [...this.statements], findings };
  }

  private add(record: ReconRecord): void {
    if (record.statementKey === undefined) return;
    const sum = this.running.get(record.statementKey) ?? { net: new Decimal(0), entries: 0, currencies: new Set<string>() };
    sum.net = record.direction === 'debit' ? sum.net.minus(record.amount) : sum.net.plus(record.amount);
    sum.entries += 1;
    sum.currencies.add(record.currency);
    this.running.set(record.statementKey, sum);
  }

  private close(balances: StatementBalances): void {
    const sum = this.running.get(balances.key) ?? { net: new Decimal(0), entries: 0, currencies: new Set<string>() };
    this.running.delete(balances.key);
    const finding = (code: StatementFindingCode, message: string) =>
      this.findings.push({ code, statementKey: balances.key, account: balances.account, message: `${balances.location}: ${message}` });
    const foreign = [...sum.currencies].filter((currency) => currency !== balances.currency);
    if (foreign.length > 0) {
      // Entries booked in another currency than the account's cannot be added to its balance.
      finding('statement_currency_mismatch', `entries in ${foreign.join(', ')} on a ${balances.currency} statement; the balance check is skipped`);
    }
    const opening = balances.opening ?? (balances.closing ? { amount: balances.closing.amount.minus(sum.net) } : undefined);
    const statement: CheckedStatement = {
      key: balances.key, account: balances.account, currency: balances.currency, location: balances.location, entries: sum.entries, net: sum.net, opening, closing: balances.closing,
    };
    this.statements.push(statement);
    if (foreign.length > 0 || balances.opening === undefined || balances.closing === undefined) return;
    const expected = balances.opening.amount.plus(sum.net);
    if (expected.eq(balances.closing.amount)) return;
    const rejected = this.rejectedEntries > 0 ? ` (${this.rejectedEntries} rejected entries in the file are not counted)` : '';
    finding(
      'statement_balance_break',
      `opening ${formatAmount(balances.opening.amount)} + entries ${formatAmount(sum.net)} = ${formatAmount(expected)}, but the closing balance is ${formatAmount(balances.closing.amount)} ${balances.currency} (difference ${formatAmount(balances.closing.amount.minus(expected))})${rejected}`,
    );
  }
}

/**
 * The statement before must end where this one starts. Dates first: a statement opening before the previous
 * one closed covers days already reconciled (overlap). Then amounts: a different opening balance means
 * entries between the two were never reported (gap). The same statement imported again is neither.
 */
export function continuityFinding(before: RecordedStatement, statement: CheckedStatement): StatementFinding | undefined {
  if (statement.opening === undefined || statement.closing === undefined) return undefined;
  if (isSameStatement(before, statement)) return undefined;
  const where = `${statement.location}: `;
  const base = { statementKey: statement.key, account: statement.account };
  if (statement.opening.date !== undefined && statement.opening.date < before.closingDate) {
    return { ...base, code: 'statement_overlap', message: `${where}opens on ${statement.opening.date}, before the previous statement of ${statement.account} closed on ${before.closingDate}` };
  }
  if (!statement.opening.amount.eq(before.closingAmount)) {
    return {
      ...base,
      code: 'statement_gap',
      message: `${where}opens at ${formatAmount(statement.opening.amount)} ${statement.currency}, but the previous statement of ${statement.account} closed at ${formatAmount(before.closingAmount)} on ${before.closingDate}: entries between them are missing`,
    };
  }
  return undefined;
}

function isSameStatement(before: RecordedStatement, statement: CheckedStatement): boolean {
  return before.closingDate === statement.closing!.date && before.closingAmount.eq(statement.closing!.amount) && (before.openingDate ?? undefined) === statement.opening!.date;
}

export function recorded(statement: CheckedStatement): RecordedStatement {
  return {
    account: statement.account,
    currency: statement.currency,
    openingAmount: statement.opening?.amount ?? null,
    openingDate: statement.opening?.date ?? null,
    closingAmount: statement.closing!.amount,
    closingDate: statement.closing!.date,
  };
}

