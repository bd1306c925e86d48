import { Injectable } from '@nestjs/common';
import { UnitOfWork, type Queryable } from '../../database/unit-of-work.js';
import { EventLogReader } from '../infrastructure/event-log-reader.js';
import { BalanceProjection, type BalanceRow } from './balance.projection.js';
import { statementLinesFromEvents } from './statement.projection.js';

export interface RebuildReport {
  events: number;
  accounts: number;
  /** Accounts whose stored balance or version differed from the log and were corrected. */
  corrected: { accountId: string; stored: string | null; rebuilt: string }[];
  statementLines: number;
}

/**
 * Rebuilds the read models from the event log alone (after a projection bug is fixed). It runs in one
 * transaction that first takes EXCLUSIVE locks on the projection tables: transfers wait for it (they
 * update account_balances) while reads go on, so it is safe with the server running.
 */
@Injectable()
export class ProjectionRebuilder {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly log: EventLogReader,
  ) {}

  rebuild(): Promise<RebuildReport> {
    return this.unitOfWork.run(async (tx) => {
      await tx.query('LOCK TABLE account_balances, account_statement_lines IN EXCLUSIVE MODE');
      const rows = new Map<string, BalanceRow>();
      let events = 0;
      for await (const { event } of this.log.readAll(tx)) {
        rows.set(event.accountId, BalanceProjection.evolve(rows.get(event.accountId), event));
        events++;
      }
      const corrected = await this.writeBalances(tx, [...rows.values()]);
      const statementLines = await this.rebuildStatementLines(tx);
      return { events, accounts: rows.size, corrected, statementLines };
    });
  }

  private async writeBalances(tx: Queryable, rows: BalanceRow[]): Promise<RebuildReport['corrected']> {
    const changed: { account_id: string; stored: string | null; rebuilt: string }[] = await tx.query(
      `WITH rebuilt AS (
         SELECT * FROM unnest($1::uuid[], $2::char(3)[], $3::numeric[], $4::numeric[], $5::bigint[]) AS r(account_id, currency, balance, balance_floor, version)),
       before AS (SELECT r.account_id, b.balance::text AS stored FROM rebuilt r LEFT JOIN account_balances b USING (account_id)
         WHERE b.balance IS DISTINCT FROM r.balance OR b.version IS DISTINCT FROM r.version),
       written AS (
         INSERT INTO account_balances (account_id, currency, balance, balance_floor, version, updated_at)
         SELECT account_id, currency, balance, balance_floor, version, now() FROM rebuilt
         ON CONFLICT (account_id) DO UPDATE SET balance = excluded.balance, version = excluded.version, balance_floor = excluded.balance_floor, updated_at = now()
         WHERE account_balances.balance IS DISTINCT FROM excluded.balance OR account_balances.version IS DISTINCT FROM excluded.version)
       SELECT before.account_id, before.stored, r.balance::text AS rebuilt FROM before JOIN rebuilt r USING (account_id)`,
      [rows.map((r) => r.accountId), rows.map((r) => r.currency), rows.map((r) => r.balance.toFixed()), rows.map((r) => r.balanceFloor?.toFixed() ?? null), rows.map((r) => r.version)],
    );
    return changed.map((row) => ({ accountId: row.account_id, stored: row.stored, rebuilt: row.rebuilt }));
  }

  /** The statement lines are a pure function of the posting events: rewrite them in one statement. */
  private async rebuildStatementLines(tx: Queryable): Promise<number> {
    await tx.query('DELETE FROM account_statement_lines');
    const [{ count }]: { count: number }[] = await tx.query(
      `WITH inserted AS (
         INSERT INTO account_statement_lines (account_id, version, transfer_id, counterparty_account_id, direction, amount, currency, balance_after, reference, occurred_at)
         ${statementLinesFromEvents('events')}
         RETURNING 1)
       SELECT count(*)::int AS count FROM inserted`,
    );
    return count;
  }
}
