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

export class CurrencyMismatch extends DomainError {
  constructor(accountId: string, accountCurrency: string, transferCurrency: string) {
    super('CURRENCY_MISMATCH', 'rule_violation', `Account ${accountId} holds ${accountCurrency}, the transfer is in ${transferCurrency}`);
  }
}

export class InsufficientFunds extends DomainError {
  constructor(accountId: string, balance: string, amount: string, currency: string) {
    super('INSUFFICIENT_FUNDS', 'rule_violation', `Account ${accountId} has ${balance} ${currency}, which does not cover ${amount} ${currency}`);
  }
}
