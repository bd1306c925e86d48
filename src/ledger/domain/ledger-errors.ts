import { DomainError } from '../../common/errors/domain-error.js';

export class AccountNotFound extends DomainError {
  constructor(readonly accountId: string, field?: string) {
    super('ACCOUNT_NOT_FOUND', 'not_found', `Account ${accountId} does not exist`, field ? [{ field, message: 'no such account' }] : undefined);
  }
}

export class TransferNotFound extends DomainError {
  constructor(transferId: string) {
    super('TRANSFER_NOT_FOUND', 'not_found', `Transfer ${transferId} does not exist`);
  }
}

export class SameAccount extends DomainError {
  constructor() {
    super('SAME_ACCOUNT', 'rule_violation', 'source_account_id and destination_account_id must be different accounts');
  }
}

/**
 * The refusals a transfer can get after the accounts are found. Their plain messages name only what the
 * request said (so a `ledger:write`-only caller learns the rule, not the account); the balance and the
 * account's currency go only to callers who may read them (`ledger:read`).
 */
export class CurrencyMismatch extends DomainError {
  override readonly disclosure;

  constructor(accountId: string, accountCurrency: string, transferCurrency: string) {
    super('CURRENCY_MISMATCH', 'rule_violation', `Account ${accountId} does not hold ${transferCurrency}, the transfer's currency`);
    this.disclosure = { scope: 'ledger:read', message: `Account ${accountId} holds ${accountCurrency}, the transfer is in ${transferCurrency}` };
  }
}

export class InsufficientFunds extends DomainError {
  override readonly disclosure;

  constructor(accountId: string, balance: string, amount: string, currency: string) {
    super('INSUFFICIENT_FUNDS', 'rule_violation', `Account ${accountId} cannot cover ${amount} ${currency}`);
    this.disclosure = { scope: 'ledger:read', message: `Account ${accountId} has ${balance} ${currency}, which does not cover ${amount} ${currency}` };
  }
}
