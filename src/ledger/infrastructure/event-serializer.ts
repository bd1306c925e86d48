import { Decimal } from '../../common/money/decimal.js';
import { AccountCredited, AccountDebited, AccountOpened, type AccountEvent, type PostingFields } from '../events/index.js';

/** An event as the `events` table holds it (without the columns the database assigns). */
export interface SerializedEvent {
  streamId: string;
  streamVersion: number;
  type: AccountEvent['type'];
  schemaVersion: number;
  payload: Record<string, unknown>;
  occurredAt: Date;
}

/** Stored payloads are snake_case JSON with money as decimal strings, never JSON numbers. */
export function serializeEvent(event: AccountEvent): SerializedEvent {
  const envelope = { streamId: event.accountId, streamVersion: event.version, type: event.type, schemaVersion: event.schemaVersion, occurredAt: event.occurredAt };
  if (event instanceof AccountOpened) {
    return {
      ...envelope,
      payload: {
        account_id: event.accountId,
        currency: event.currency,
        type: event.accountType,
        allow_overdraft: event.allowOverdraft,
        overdraft_limit: event.overdraftLimit?.toFixed() ?? null,
        metadata: event.metadata,
      },
    };
  }
  return {
    ...envelope,
    payload: {
      account_id: event.accountId,
      transfer_id: event.transferId,
      counterparty_account_id: event.counterpartyAccountId,
      amount: event.amount.toFixed(),
      currency: event.currency,
      balance_after: event.balanceAfter.toFixed(),
      reference: event.reference,
    },
  };
}

/** Rebuilds a domain event from a stored row; the place where old schema versions would be upcast. */
export function deserializeEvent(row: { type: string; schemaVersion: number; streamVersion: number | string; payload: Record<string, unknown>; occurredAt: Date }): AccountEvent {
  const p = row.payload as Record<string, string | null> & { metadata?: Record<string, unknown>; allow_overdraft?: boolean };
  if (row.schemaVersion !== 1) throw new Error(`No upcaster for ${row.type} schema version ${row.schemaVersion}`);
  switch (row.type) {
    case 'AccountOpened':
      return new AccountOpened(p.account_id!, p.currency!, p.type!, p.allow_overdraft === true, p.overdraft_limit ? new Decimal(p.overdraft_limit) : null, p.metadata ?? {}, row.occurredAt);
    case 'AccountDebited':
      return new AccountDebited(postingFields(row, p));
    case 'AccountCredited':
      return new AccountCredited(postingFields(row, p));
    default:
      throw new Error(`Unknown event type ${row.type}`);
  }
}

function postingFields(row: { streamVersion: number | string; occurredAt: Date }, p: Record<string, string | null>): PostingFields {
  return {
    accountId: p.account_id!,
    version: Number(row.streamVersion),
    transferId: p.transfer_id!,
    counterpartyAccountId: p.counterparty_account_id!,
    amount: new Decimal(p.amount!),
    currency: p.currency!,
    balanceAfter: new Decimal(p.balance_after!),
    reference: p.reference ?? null,
    occurredAt: row.occurredAt,
  };
}
