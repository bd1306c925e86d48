import { createHash } from 'node:crypto';
import { Decimal } from '../../common/money/decimal.js';
import { AccountOpened, type AccountEvent, type PostingEvent } from '../events/index.js';

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
] as const;

export type FindingKind = (typeof findingKinds)[number];

export interface Finding {
  kind: FindingKind;
  message: string;
  position?: string;
  accountId?: string;
}

interface AccountFold {
  currency: string;
  balance: Decimal;
  version: number;
  floor: Decimal | null;
}

/** The legs seen so far of a transfer still missing one; both legs are adjacent in the log. */
interface OpenTransfer {
  debits: PostingEvent[];
  credits: PostingEvent[];
}

export const findingsMax = 1_000;

/**
 * Replays the log from events alone and reports every way it disagrees with itself: the hash chain, each
 * stream's versions, balance_after, overdraft floors, and double entry (one debit and one credit of equal
 * amount per transfer). Memory grows with the number of accounts and of unfinished transfers, not events.
 */
export class LedgerAudit {
  readonly findings: Finding[] = [];
  readonly accounts = new Map<string, AccountFold>();
  private readonly open = new Map<string, OpenTransfer>();
  /** The running hash of the genesis block's events, chained one to the next. */
  private previousHash: Buffer;
  private lastChainedPosition = 0n;
  private readonly chainedUntil: bigint;
  events = 0;
  transfers = 0;
  /** The hash that pins the whole log: the last block's, set by the block check. */
  headHash = '';

  /** `genesis`: the block that covers the events chained the old way (positions 1 to its last position). */
  constructor(
    zeroHash: Buffer,
    private readonly genesis: { lastPosition: string; hash: Buffer } | undefined,
  ) {
    this.previousHash = zeroHash;
    this.chainedUntil = BigInt(genesis?.lastPosition ?? '0');
  }

  /** Feeds the next event of the log, in position order; `canonical` is needed for the genesis block's events only. */
  next(position: string, event: AccountEvent, hash: Buffer, canonical: string | null): void {
    this.events++;
    if (BigInt(position) <= this.chainedUntil) this.checkChain(position, hash, canonical ?? '');
    if (event instanceof AccountOpened) this.open_(position, event);
    else this.post(position, event);
  }

  /** After the last event: unfinished transfers, the genesis block's end, and each currency's sum. */
  finish(): void {
    for (const [transferId, legs] of this.open) this.report('transfer_unbalanced', `transfer ${transferId} has ${legs.debits.length} debit(s) and ${legs.credits.length} credit(s)`);
    if (this.genesis && (this.lastChainedPosition !== this.chainedUntil || !this.previousHash.equals(this.genesis.hash))) {
      this.report('hash_chain_broken', `the events chained before blocks end at ${this.lastChainedPosition} with a hash that is not the genesis block's (which ends at ${this.chainedUntil}): the old chain was edited or cut`);
    }
    const sums = new Map<string, Decimal>();
    for (const fold of this.accounts.values()) sums.set(fold.currency, (sums.get(fold.currency) ?? new Decimal(0)).plus(fold.balance));
    for (const [currency, sum] of sums) if (!sum.isZero()) this.report('currency_not_zero', `${currency} balances sum to ${sum.toFixed()}, not 0`);
  }

  report(kind: FindingKind, message: string, where: { position?: string; accountId?: string } = {}): void {
    if (this.findings.length < findingsMax) this.findings.push({ kind, message, ...where });
  }

  private checkChain(position: string, hash: Buffer, canonical: string): void {
    const expected = createHash('sha256').update(this.previousHash).update(canonical, 'utf8').digest();
    if (!expected.equals(hash)) this.report('hash_chain_broken', `event ${position}: stored hash does not match its content and predecessor (edited, inserted or a predecessor removed)`, { position });
    // Continue from the stored hash, so one tampered row is reported once rather than breaking every later row.
    this.previousHash = hash;
    this.lastChainedPosition = BigInt(position);
  }

  private open_(position: string, event: AccountOpened): void {
    if (this.accounts.has(event.accountId)) this.report('stream_out_of_order', `account ${event.accountId} opened twice`, { position, accountId: event.accountId });
    const floor = !event.allowOverdraft ? new Decimal(0) : event.overdraftLimit === null ? null : event.overdraftLimit.negated();
    this.accounts.set(event.accountId, { currency: event.currency, balance: new Decimal(0), version: event.version, floor });
  }

  private post(position: string, event: PostingEvent): void {
    const where = { position, accountId: event.accountId };
    const fold = this.accounts.get(event.accountId);
    if (!fold) return this.report('stream_out_of_order', `${event.type} for account ${event.accountId} before AccountOpened`, where);
    if (event.version !== fold.version + 1) this.report('stream_out_of_order', `account ${event.accountId}: version ${event.version} follows ${fold.version}`, where);
    fold.version = event.version;
    fold.balance = event.type === 'AccountCredited' ? fold.balance.plus(event.amount) : fold.balance.minus(event.amount);
    if (!fold.balance.equals(event.balanceAfter)) this.report('balance_after_wrong', `event ${position}: balance_after ${event.balanceAfter.toFixed()} but the log sums to ${fold.balance.toFixed()}`, where);
    if (fold.floor !== null && fold.balance.lessThan(fold.floor)) this.report('overdraft_breached', `account ${event.accountId} went to ${fold.balance.toFixed()}, below its floor ${fold.floor.toFixed()}`, where);
    this.pairLeg(event);
  }

  private pairLeg(event: PostingEvent): void {
    const legs = this.open.get(event.transferId) ?? { debits: [], credits: [] };
    (event.type === 'AccountDebited' ? legs.debits : legs.credits).push(event);
    if (legs.debits.length + legs.credits.length < 2) return void this.open.set(event.transferId, legs);
    this.open.delete(event.transferId);
    this.transfers++;
    const [debit] = legs.debits;
    const [credit] = legs.credits;
    if (!debit || !credit || !debit.amount.equals(credit.amount) || debit.currency !== credit.currency || debit.counterpartyAccountId !== credit.accountId) {
      this.report('transfer_unbalanced', `transfer ${event.transferId} does not have one debit and one matching credit`);
    }
  }
}
