import { auditRowWidth, type AuditRow, type RowProblem } from './audit-log-reader.js';
import { formatTenThousandths as money, parseTenThousandths, type TenThousandths } from './ten-thousandths.js';

export const findingKinds = [
  'hash_chain_broken',
  'block_chain_broken',
  'chain_head_mismatch',
  'stream_out_of_order',
  'balance_after_wrong',
  'overdraft_breached',
  'transfer_unbalanced',
  'currency_not_zero',
  'projection_mismatch',
  'event_unreadable',
] as const;

export type FindingKind = (typeof findingKinds)[number];

export interface Finding {
  kind: FindingKind;
  message: string;
  position?: string;
  accountId?: string;
}

export interface AccountFold {
  currency: string;
  balance: TenThousandths;
  version: number;
  /** The lowest balance allowed; null when the overdraft has no limit. */
  floor: TenThousandths | null;
}

/** The first leg seen of a transfer; its other leg normally follows at once. */
interface OpenLeg {
  transferId: string;
  debit: boolean;
  accountId: string;
  counterpartyId: string;
  amount: TenThousandths;
  currency: string;
}

export const findingsMax = 1_000;

const [position, streamId, streamVersion, type, amountOrAllowOverdraft, balanceAfterOrLimit, currency, transferId, counterpartyId, problems] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9] as const;

/** Where a finding about `row` points; built only when there is one. */
const at = (row: AuditRow) => ({ position: row[position], accountId: row[streamId] });

/**
 * Folds the log, in position order, from events alone, and reports every way it disagrees with itself: each event's
 * hash (as PostgreSQL found it), each stream's versions, balance_after, overdraft floors, and double entry (one debit
 * and one credit of equal amount and currency per transfer, each naming the other's account). The blocks and the head
 * are checked in SQL (block-chain-check.ts). Memory grows with the number of accounts and of unfinished transfers,
 * not with the number of events.
 */
export class LedgerAudit {
  readonly findings: Finding[] = [];
  readonly accounts = new Map<string, AccountFold>();
  /** Transfers with one leg seen, apart from `pending`. */
  private readonly open = new Map<string, OpenLeg>();
  /** The last leg seen, while its transfer waits for the other leg. */
  private pending: OpenLeg | undefined;
  events = 0;
  transfers = 0;
  /** The hash that pins the whole log: the last block's, set by the block check. */
  headHash = '';

  /** Feeds the next event of the log, in position order. */
  next(row: AuditRow): void {
    this.events++;
    if (row.length !== auditRowWidth) return this.report('event_unreadable', `event ${row[position]}: read as ${row.length} columns, not ${auditRowWidth}`, { position: row[position] });
    if (row[problems] !== '' && !this.readable(row)) return;
    switch (row[type]) {
      case 'AccountOpened':
        return this.openAccount(row);
      case 'AccountDebited':
      case 'AccountCredited':
        return this.post(row);
      default:
        this.report('event_unreadable', `event ${row[position]} has type ${row[type]}, which this build cannot read`, { position: row[position] });
    }
  }

  /** After the last event: unfinished transfers and each currency's sum. */
  finish(): void {
    if (this.pending) this.open.set(this.pending.transferId, this.pending);
    this.pending = undefined;
    for (const [transferId, leg] of this.open) {
      this.report('transfer_unbalanced', `transfer ${transferId} has ${leg.debit ? 1 : 0} debit(s) and ${leg.debit ? 0 : 1} credit(s)`);
    }
    const sums = new Map<string, TenThousandths>();
    for (const fold of this.accounts.values()) sums.set(fold.currency, (sums.get(fold.currency) ?? 0n) + fold.balance);
    for (const [currency, sum] of sums) if (sum !== 0n) this.report('currency_not_zero', `${currency} balances sum to ${money(sum)}, not 0`);
  }

  report(kind: FindingKind, message: string, where: { position?: string; accountId?: string } = {}): void {
    if (this.findings.length < findingsMax) this.findings.push({ kind, message, ...where });
  }

  /** Reports what PostgreSQL found in the row alone; false when the row cannot be folded at all. */
  private readable(row: AuditRow): boolean {
    const where = { position: row[position] };
    const found = row[problems].split(' ') as RowProblem[];
    if (found.includes('edited')) this.report('hash_chain_broken', `event ${row[position]}: stored hash does not match its content (edited)`, where);
    if (found.includes('chain')) {
      this.report('hash_chain_broken', `event ${row[position]}: stored hash does not match its content and predecessor (edited, inserted or a predecessor removed)`, where);
    }
    if (found.includes('stream')) this.report('stream_out_of_order', `event ${row[position]} is in stream ${row[streamId]} but its payload names another account`, { ...where, accountId: row[streamId] });
    if (!found.includes('schema')) return true;
    this.report('event_unreadable', `event ${row[position]} (${row[type]}) has a schema version this build cannot read`, where);
    return false;
  }

  private openAccount(row: AuditRow): void {
    const accountId = row[streamId];
    const where = at(row);
    const floor = this.floorOf(row);
    const accountCurrency = row[currency];
    if (floor === undefined || accountCurrency === '') return this.report('event_unreadable', `event ${row[position]}: AccountOpened without a currency or a readable overdraft rule`, where);
    if (this.accounts.has(accountId)) this.report('stream_out_of_order', `account ${accountId} opened twice`, where);
    if (row[streamVersion] !== '1') this.report('stream_out_of_order', `account ${accountId}: version ${row[streamVersion]} follows 0`, where);
    this.accounts.set(accountId, { currency: accountCurrency, balance: 0n, version: 1, floor });
  }

  /** No overdraft: 0; an overdraft without a limit: null; else minus the limit; undefined when unreadable. */
  private floorOf(row: AuditRow): TenThousandths | null | undefined {
    if (row[amountOrAllowOverdraft] === 'false') return 0n;
    if (row[amountOrAllowOverdraft] !== 'true') return undefined;
    if (row[balanceAfterOrLimit] === '') return null;
    const limit = parseTenThousandths(row[balanceAfterOrLimit]);
    return limit === undefined ? undefined : -limit;
  }

  private post(row: AuditRow): void {
    const accountId = row[streamId];
    const fold = this.accounts.get(accountId);
    if (!fold) return this.report('stream_out_of_order', `${row[type]} for account ${accountId} before AccountOpened`, at(row));
    const version = Number(row[streamVersion]);
    if (version !== fold.version + 1) this.report('stream_out_of_order', `account ${accountId}: version ${row[streamVersion]} follows ${fold.version}`, at(row));
    fold.version = version;
    const amount = parseTenThousandths(row[amountOrAllowOverdraft]);
    const balanceAfter = parseTenThousandths(row[balanceAfterOrLimit]);
    const transfer = row[transferId];
    const counterparty = row[counterpartyId];
    const legCurrency = row[currency];
    if (amount === undefined || balanceAfter === undefined || transfer === '' || counterparty === '' || legCurrency === '') {
      return this.report('event_unreadable', `event ${row[position]}: ${row[type]} without a transfer, a counterparty, a currency, or an amount and balance_after of at most 4 decimal places`, at(row));
    }
    const debit = row[type] === 'AccountDebited';
    fold.balance = debit ? fold.balance - amount : fold.balance + amount;
    if (fold.balance !== balanceAfter) this.report('balance_after_wrong', `event ${row[position]}: balance_after ${money(balanceAfter)} but the log sums to ${money(fold.balance)}`, at(row));
    if (fold.floor !== null && fold.balance < fold.floor) this.report('overdraft_breached', `account ${accountId} went to ${money(fold.balance)}, below its floor ${money(fold.floor)}`, at(row));
    this.pair({ transferId: transfer, debit, accountId, counterpartyId: counterparty, amount, currency: legCurrency });
  }

  /** Pairs a transfer's legs; the second normally follows the first at once, so that case skips the Map. */
  private pair(leg: OpenLeg): void {
    const pending = this.pending;
    if (pending?.transferId === leg.transferId) {
      this.pending = undefined;
      return this.match(pending, leg);
    }
    const first = this.open.get(leg.transferId);
    if (first) {
      this.open.delete(leg.transferId);
      return this.match(first, leg);
    }
    if (pending) this.open.set(pending.transferId, pending);
    this.pending = leg;
  }

  private match(first: OpenLeg, second: OpenLeg): void {
    this.transfers++;
    const [debit, credit] = first.debit ? [first, second] : [second, first];
    const matching = debit.debit && !credit.debit && debit.amount === credit.amount && debit.currency === credit.currency;
    if (!matching || debit.counterpartyId !== credit.accountId || credit.counterpartyId !== debit.accountId) {
      this.report('transfer_unbalanced', `transfer ${first.transferId} does not have one debit and one matching credit`);
    }
  }
}
