import { Injectable } from '@nestjs/common';
import type { IdempotencyRequest, StoredResponse } from '../../common/idempotency/idempotency.js';
import { Decimal } from '../../common/money/decimal.js';
import { IdempotencyKeys } from '../../database/idempotency-keys.js';
import { SqlParams, withParts, type SqlPart } from '../../database/sql-params.js';
import { RetryTransaction, type Queryable } from '../../database/unit-of-work.js';
import { Account } from '../domain/account.js';
import type { PostedTransfer } from '../domain/transfer.js';
import type { AccountEvent } from '../events/index.js';
import { BalanceProjection } from '../projections/balance.projection.js';
import { EventStore, type EventMetadata } from './event-store.js';

interface LockedAccountRow {
  id: string;
  currency: string;
  type: string;
  metadata: Record<string, unknown>;
  allow_overdraft: boolean;
  overdraft_limit: string | null;
  created_at: string;
  balance: string;
  version: number;
}

export interface LockedAccounts {
  /** The first response for this idempotency key, when the request is a repeat. */
  replay?: StoredResponse;
  accounts: Map<string, Account>;
}

/** What a command writes besides its events: the response to remember for its idempotency key. */
export interface WriteContext {
  idempotency?: IdempotencyRequest;
  response: { status: number; body: unknown };
  metadata: EventMetadata;
  at: Date;
}

/**
 * The ledger's write side. Each method is one round trip: a transfer is lock-and-read, then one
 * statement that appends both events, inserts the transfer, applies the balance projection and stores
 * the idempotency key; the caller's transaction commits it all or nothing.
 */
@Injectable()
export class LedgerRepository {
  constructor(private readonly balances: BalanceProjection) {}

  /** Locks the accounts' balance rows in id order (so concurrent transfers cannot deadlock) and reads them. */
  async lockForTransfer(tx: Queryable, accountIds: readonly string[], idempotency?: IdempotencyRequest): Promise<LockedAccounts> {
    const params = new SqlParams();
    const ids = params.add([...accountIds].sort());
    const [row]: { replay: StoredResponse | null; accounts: LockedAccountRow[] }[] = await tx.query(
      `WITH locked AS (
         SELECT a.id, a.currency, a.type, a.metadata, a.allow_overdraft, a.overdraft_limit::text AS overdraft_limit,
                a.created_at, b.balance::text AS balance, b.version
         FROM account_balances b JOIN accounts a ON a.id = b.account_id
         WHERE b.account_id = ANY(${ids}::uuid[])
         ORDER BY b.account_id
         FOR UPDATE OF b)
       SELECT ${IdempotencyKeys.lookupSql(params, idempotency)} AS replay,
              COALESCE((SELECT json_agg(locked) FROM locked), '[]'::json) AS accounts`,
      params.values,
    );
    const accounts = new Map(row.accounts.map((locked) => [locked.id, toAccount(locked)]));
    return { replay: row.replay ?? undefined, accounts };
  }

  async saveTransfer(tx: Queryable, transfer: PostedTransfer, events: readonly AccountEvent[], context: WriteContext): Promise<void> {
    const params = new SqlParams();
    await this.write(tx, params, events, context, [
      {
        name: 'inserted_transfer',
        // position: the log position of the transfer's first event, the order key of GET /ledger/transfer/.
        // new_events is a later part; the statement is WITH RECURSIVE (the hash chain), which allows that.
        sql: `INSERT INTO transfers (id, source_account_id, destination_account_id, amount, currency, reference, metadata, status, created_at, occurred_at, position)
          VALUES (${params.add(transfer.transferId)}, ${params.add(transfer.sourceAccountId)}, ${params.add(transfer.destinationAccountId)},
            ${params.add(transfer.amount.toFixed())}, ${params.add(transfer.currency)}, ${params.add(transfer.reference)},
            ${params.add(JSON.stringify(transfer.metadata))}::jsonb, 'posted', ${params.add(transfer.requestedAt.toISOString())}::timestamptz,
            ${params.add(transfer.occurredAt.toISOString())}::timestamptz, (SELECT min(position) FROM new_events))
          RETURNING id`,
      },
    ]);
  }

  async saveOpenedAccount(tx: Queryable, account: Account, context: WriteContext): Promise<void> {
    const params = new SqlParams();
    const state = account.state;
    await this.write(tx, params, account.getUncommittedEvents(), context, [
      {
        name: 'inserted_account',
        sql: `INSERT INTO accounts (id, currency, type, metadata, allow_overdraft, overdraft_limit, created_at)
          VALUES (${params.add(state.id)}, ${params.add(state.currency)}, ${params.add(state.type)}, ${params.add(JSON.stringify(state.metadata))}::jsonb,
            ${params.add(state.allowOverdraft)}, ${params.add(state.overdraftLimit?.toFixed() ?? null)}::numeric, ${params.add(state.createdAt.toISOString())}::timestamptz)
          RETURNING id`,
      },
    ]);
  }

  /** One statement: the record parts first (foreign keys), then events, projections and the idempotency key. */
  private async write(tx: Queryable, params: SqlParams, events: readonly AccountEvent[], context: WriteContext, recordParts: SqlPart[]): Promise<void> {
    const projection = this.balances.writeParts(params, events, context.at);
    const parts = [...recordParts, ...EventStore.appendParts(params, events, context.metadata), ...projection.parts];
    if (context.idempotency) parts.push(IdempotencyKeys.storePart(params, context.idempotency, context.response.status, context.response.body));
    const projected = projection.parts.map((part) => `(SELECT count(*) FROM ${part.name})`).join(' + ') || '0';
    try {
      const [result]: { events: number; projected: number; chained: number }[] = await tx.query(
        withParts(parts, `SELECT (SELECT count(*) FROM appended_events)::int AS events, (${projected})::int AS projected, (SELECT count(*) FROM advanced_chain)::int AS chained`),
        params.values,
      );
      // Under the row locks these always hold; if not, the transaction must not commit.
      if (result.events !== events.length || result.projected !== projection.rowsExpected || result.chained !== 1) {
        throw new Error(`Write mismatch: ${result.events}/${events.length} events, ${result.projected}/${projection.rowsExpected} balances`);
      }
    } catch (error) {
      if (IdempotencyKeys.isRace(error)) throw new RetryTransaction();
      throw error;
    }
  }
}

function toAccount(row: LockedAccountRow): Account {
  return Account.fromSnapshot({
    id: row.id,
    currency: row.currency,
    type: row.type,
    metadata: row.metadata,
    allowOverdraft: row.allow_overdraft,
    overdraftLimit: row.overdraft_limit === null ? null : new Decimal(row.overdraft_limit),
    balance: new Decimal(row.balance),
    version: Number(row.version),
    createdAt: new Date(row.created_at),
  });
}
