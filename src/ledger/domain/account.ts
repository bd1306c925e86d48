import { AggregateRoot } from '@nestjs/cqrs';
import { ValidationFailed } from '../../common/errors/domain-error.js';
import { Decimal } from '../../common/money/decimal.js';
import { AccountCredited, AccountDebited, AccountOpened, type AccountEvent } from '../events/index.js';
import { formatAmount } from './money.js';
import { CurrencyMismatch, InsufficientFunds } from './ledger-errors.js';

export interface AccountState {
  readonly id: string;
  readonly currency: string;
  readonly type: string;
  readonly metadata: Readonly<Record<string, unknown>>;
  readonly allowOverdraft: boolean;
  readonly overdraftLimit: Decimal | null;
  readonly balance: Decimal;
  /** Version of the last event applied to this account's stream (AccountOpened is 1). */
  readonly version: number;
  readonly createdAt: Date;
}

export interface OpenAccount {
  id: string;
  currency: string;
  type: string;
  metadata: Record<string, unknown>;
  allowOverdraft: boolean;
  overdraftLimit: Decimal | null;
  openedAt: Date;
}

/** What a posting needs to know about the transfer it belongs to. */
export interface PostingRequest {
  transferId: string;
  counterpartyAccountId: string;
  amount: Decimal;
  currency: string;
  reference: string | null;
  postedAt: Date;
}

/**
 * The Account aggregate. Its methods check the rules against the current state and then only `apply` an
 * event; `on<EventType>` methods evolve the state from events, whether new or replayed from the log.
 */
export class Account extends AggregateRoot<AccountEvent> {
  private current?: AccountState;

  static open(request: OpenAccount): Account {
    if (request.overdraftLimit !== null && !request.allowOverdraft) throw ValidationFailed.field('overdraft_limit', 'requires allow_overdraft: true');
    const account = new Account();
    account.apply(
      new AccountOpened(request.id, request.currency, request.type, request.allowOverdraft, request.overdraftLimit, request.metadata, request.openedAt),
    );
    return account;
  }

  /** Rehydrates from the balance projection, which is written in the same transaction as the events. */
  static fromSnapshot(state: AccountState): Account {
    const account = new Account();
    account.current = state;
    return account;
  }

  static fromHistory(history: AccountEvent[]): Account {
    const account = new Account();
    account.loadFromHistory(history);
    return account;
  }

  get state(): AccountState {
    if (this.current === undefined) throw new Error('Account has no AccountOpened event');
    return this.current;
  }

  /** The lowest balance allowed: 0, minus the overdraft limit, or null for an unlimited overdraft. */
  get balanceFloor(): Decimal | null {
    const { allowOverdraft, overdraftLimit } = this.state;
    if (!allowOverdraft) return new Decimal(0);
    return overdraftLimit === null ? null : overdraftLimit.negated();
  }

  debit(request: PostingRequest): void {
    this.requireCurrency(request.currency);
    const balanceAfter = this.state.balance.minus(request.amount);
    const floor = this.balanceFloor;
    if (floor !== null && balanceAfter.lessThan(floor)) {
      const { id, balance, currency } = this.state;
      throw new InsufficientFunds(id, formatAmount(balance, currency), formatAmount(request.amount, currency), currency);
    }
    this.apply(new AccountDebited(this.posting(request, balanceAfter)));
  }

  credit(request: PostingRequest): void {
    this.requireCurrency(request.currency);
    this.apply(new AccountCredited(this.posting(request, this.state.balance.plus(request.amount))));
  }

  protected override getEventName(event: AccountEvent): string {
    return event.type;
  }

  onAccountOpened(event: AccountOpened): void {
    this.current = {
      id: event.accountId,
      currency: event.currency,
      type: event.accountType,
      metadata: event.metadata,
      allowOverdraft: event.allowOverdraft,
      overdraftLimit: event.overdraftLimit,
      balance: new Decimal(0),
      version: event.version,
      createdAt: event.occurredAt,
    };
  }

  onAccountDebited(event: AccountDebited): void {
    this.current = { ...this.state, balance: event.balanceAfter, version: event.version };
  }

  onAccountCredited(event: AccountCredited): void {
    this.current = { ...this.state, balance: event.balanceAfter, version: event.version };
  }

  /** Throws CURRENCY_MISMATCH unless this account holds `currency`. */
  requireCurrency(currency: string): void {
    if (currency !== this.state.currency) throw new CurrencyMismatch(this.state.id, this.state.currency, currency);
  }

  private posting(request: PostingRequest, balanceAfter: Decimal) {
    return {
      accountId: this.state.id,
      version: this.state.version + 1,
      transferId: request.transferId,
      counterpartyAccountId: request.counterpartyAccountId,
      amount: request.amount,
      currency: request.currency,
      balanceAfter,
      reference: request.reference,
      occurredAt: request.postedAt,
    };
  }
}
