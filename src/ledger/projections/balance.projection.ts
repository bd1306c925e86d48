import { Injectable } from '@nestjs/common';
import { Decimal } from '../../common/money/decimal.js';
import type { SqlParams, SqlPart } from '../../database/sql-params.js';
import { AccountOpened, type AccountEvent } from '../events/index.js';

export interface BalanceRow {
  accountId: string;
  currency: string;
  balance: Decimal;
  /** Lowest balance allowed; null means no limit. */
  balanceFloor: Decimal | null;
  version: number;
}

/**
 * The `account_balances` read model. Its fold is pure (`evolve`); `writeParts` turns the events of one
 * command into the SQL that applies them inside that command's transaction, so a client always reads its
 * own writes. An UPDATE only applies when the stored version is the one the events continue from.
 */
@Injectable()
export class BalanceProjection {
  static evolve(row: BalanceRow | undefined, event: AccountEvent): BalanceRow {
    if (event instanceof AccountOpened) {
      const floor = !event.allowOverdraft ? new Decimal(0) : event.overdraftLimit === null ? null : event.overdraftLimit.negated();
      return { accountId: event.accountId, currency: event.currency, balance: new Decimal(0), balanceFloor: floor, version: event.version };
    }
    if (row === undefined) throw new Error(`${event.type} v${event.version} for account ${event.accountId} before AccountOpened`);
    if (event.version !== row.version + 1) throw new Error(`Account ${event.accountId}: version ${event.version} follows ${row.version}`);
    const delta = event.type === 'AccountCredited' ? event.amount : event.amount.negated();
    return { ...row, balance: row.balance.plus(delta), version: event.version };
  }

  /** The CTE parts that apply `events`; the `projected` count each part returns must equal its rows. */
  writeParts(params: SqlParams, events: readonly AccountEvent[], updatedAt: Date): { parts: SqlPart[]; rowsExpected: number } {
    const opened = events.filter((event) => event instanceof AccountOpened).map((event) => BalanceProjection.evolve(undefined, event));
    const posted = [...latestPerAccount(events.filter((event) => !(event instanceof AccountOpened))).values()];
    const parts: SqlPart[] = [];
    if (opened.length > 0) parts.push(insertPart(params, opened, updatedAt));
    if (posted.length > 0) parts.push(updatePart(params, posted, updatedAt));
    return { parts, rowsExpected: opened.length + posted.length };
  }
}

interface PostedBalance {
  accountId: string;
  balance: Decimal;
  version: number;
  expectedVersion: number;
}

function latestPerAccount(events: readonly AccountEvent[]): Map<string, PostedBalance> {
  const latest = new Map<string, PostedBalance>();
  for (const event of events) {
    if (event instanceof AccountOpened) continue;
    const expectedVersion = latest.get(event.accountId)?.expectedVersion ?? event.version - 1;
    latest.set(event.accountId, { accountId: event.accountId, balance: event.balanceAfter, version: event.version, expectedVersion });
  }
  return latest;
}

function insertPart(params: SqlParams, rows: BalanceRow[], updatedAt: Date): SqlPart {
  return {
    name: 'opened_balances',
    sql: `INSERT INTO account_balances (account_id, currency, balance, balance_floor, version, updated_at)
      SELECT * , ${params.add(updatedAt.toISOString())}::timestamptz
      FROM unnest(${params.add(rows.map((r) => r.accountId))}::uuid[], ${params.add(rows.map((r) => r.currency))}::char(3)[],
        ${params.add(rows.map((r) => r.balance.toFixed()))}::numeric[], ${params.add(rows.map((r) => r.balanceFloor?.toFixed() ?? null))}::numeric[],
        ${params.add(rows.map((r) => r.version))}::bigint[])
      RETURNING account_id`,
  };
}

function updatePart(params: SqlParams, rows: PostedBalance[], updatedAt: Date): SqlPart {
  return {
    name: 'posted_balances',
    sql: `UPDATE account_balances AS b SET balance = p.balance, version = p.version, updated_at = ${params.add(updatedAt.toISOString())}::timestamptz
      FROM unnest(${params.add(rows.map((r) => r.accountId))}::uuid[], ${params.add(rows.map((r) => r.balance.toFixed()))}::numeric[],
        ${params.add(rows.map((r) => r.version))}::bigint[], ${params.add(rows.map((r) => r.expectedVersion))}::bigint[])
        AS p(account_id, balance, version, expected_version)
      WHERE b.account_id = p.account_id AND b.version = p.expected_version
      RETURNING b.account_id`,
  };
}
