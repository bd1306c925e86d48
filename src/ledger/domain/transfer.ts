import type { Decimal } from '../../common/money/decimal.js';
import type { Account } from './account.js';
import { ValidationFailed } from '../../common/errors/domain-error.js';
import { AccountNotFound, SameAccount } from './ledger-errors.js';
import { clockSkewMillisecondsMax } from './limits.js';

export interface TransferRequest {
  transferId: string;
  sourceAccountId: string;
  destinationAccountId: string;
  amount: Decimal;
  currency: string;
  reference: string | null;
  metadata: Record<string, unknown>;
  /** When the ledger records it. */
  requestedAt: Date;
  /** When the money moved (value time); reconciliation matches on it. Never after requestedAt + skew. */
  occurredAt: Date;
}

export interface PostedTransfer extends TransferRequest {
  status: 'posted';
}

/** Refused before any account is read: the cheapest rule first. */
/** A value time in the future (beyond clock skew) is a client bug, not a scheduled payment. */
export function assertOccurredAt(occurredAt: Date, now: Date): void {
  if (occurredAt.getTime() > now.getTime() + clockSkewMillisecondsMax) throw ValidationFailed.field('occurred_at', 'must not be in the future');
}

export function assertDistinctAccounts(request: Pick<TransferRequest, 'sourceAccountId' | 'destinationAccountId'>): void {
  if (request.sourceAccountId === request.destinationAccountId) throw new SameAccount();
}

/**
 * Posts a transfer between two loaded accounts, or throws the first rule it breaks, in a fixed order:
 * SAME_ACCOUNT, ACCOUNT_NOT_FOUND (source, then destination), CURRENCY_MISMATCH (source, then
 * destination), INSUFFICIENT_FUNDS. Both accounts end with one new uncommitted event each.
 */
export function postTransfer(source: Account | undefined, destination: Account | undefined, request: TransferRequest): PostedTransfer {
  assertDistinctAccounts(request);
  if (source === undefined) throw new AccountNotFound(request.sourceAccountId, 'source_account_id');
  if (destination === undefined) throw new AccountNotFound(request.destinationAccountId, 'destination_account_id');
  // Both currencies before any balance, so a mismatch is never reported as INSUFFICIENT_FUNDS.
  source.requireCurrency(request.currency);
  destination.requireCurrency(request.currency);
  const leg = { transferId: request.transferId, amount: request.amount, currency: request.currency, reference: request.reference, postedAt: request.occurredAt };
  source.debit({ ...leg, counterpartyAccountId: destination.state.id });
  destination.credit({ ...leg, counterpartyAccountId: source.state.id });
  return { ...request, status: 'posted' };
}
