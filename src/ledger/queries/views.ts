import type { Decimal } from '../../common/money/decimal.js';
import { formatAmount } from '../domain/money.js';
import type { AccountState } from '../domain/account.js';
import type { PostedTransfer } from '../domain/transfer.js';

/** Response shapes of the ledger API: snake_case, money as strings in the currency's minor unit. */
export interface AccountView {
  id: string;
  currency: string;
  type: string;
  metadata: Record<string, unknown>;
  allow_overdraft: boolean;
  overdraft_limit: string | null;
  balance: string;
  created_at: string;
}

export interface BalanceView {
  account_id: string;
  currency: string;
  balance: string;
  version: number;
  as_of: string;
}

export interface TransferView {
  id: string;
  source_account_id: string;
  destination_account_id: string;
  amount: string;
  currency: string;
  reference: string | null;
  metadata: Record<string, unknown>;
  status: 'posted';
  created_at: string;
  occurred_at: string;
}

export interface EventView {
  id: string;
  position: string;
  type: string;
  account_id: string;
  transfer_id: string | null;
  amount: string | null;
  currency: string | null;
  balance_after: string | null;
  occurred_at: string;
  metadata: Record<string, unknown>;
}

/** One line of an account statement: a posting with its counterparty and reference. */
export interface StatementLineView {
  version: number;
  transfer_id: string;
  counterparty_account_id: string;
  direction: 'debit' | 'credit';
  amount: string;
  currency: string;
  balance_after: string;
  reference: string | null;
  occurred_at: string;
}

export interface Page<T> {
  data: T[];
  next_cursor: string | null;
}

/** An account as the aggregate holds it, or as a row reads it (money still a NUMERIC string). */
export type AccountViewSource = Pick<AccountState, 'id' | 'currency' | 'type' | 'metadata' | 'allowOverdraft' | 'createdAt'> & {
  balance: Decimal | string;
  overdraftLimit: Decimal | string | null;
};

export function accountView(state: AccountViewSource): AccountView {
  return {
    id: state.id,
    currency: state.currency,
    type: state.type,
    metadata: { ...state.metadata },
    allow_overdraft: state.allowOverdraft,
    overdraft_limit: state.overdraftLimit === null ? null : formatAmount(state.overdraftLimit, state.currency),
    balance: formatAmount(state.balance, state.currency),
    created_at: state.createdAt.toISOString(),
  };
}

export function transferView(transfer: Omit<PostedTransfer, 'amount'> & { amount: { toString(): string } }): TransferView {
  return {
    id: transfer.transferId,
    source_account_id: transfer.sourceAccountId,
    destination_account_id: transfer.destinationAccountId,
    amount: formatAmount(transfer.amount.toString(), transfer.currency),
    currency: transfer.currency,
    reference: transfer.reference,
    metadata: transfer.metadata,
    status: transfer.status,
    created_at: transfer.requestedAt.toISOString(),
    occurred_at: transfer.occurredAt.toISOString(),
  };
}
