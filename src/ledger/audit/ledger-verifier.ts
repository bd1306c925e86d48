import { Decimal } from '../../common/money/decimal.js';
import type { Queryable } from '../../database/unit-of-work.js';
import { EventLogReader } from '../infrastructure/event-log-reader.js';
import { genesisHash } from '../infrastructure/event-store.js';
import { checkBlocks, readGenesis } from './block-chain-check.js';
import { LedgerAudit, type Finding } from './ledger-audit.js';
import type { ReadSnapshot } from './read-snapshot.js';

export interface VerificationReport {
  ok: boolean;
  events: number;
  accounts: number;
  transfers: number;
  /** Publish or store this elsewhere: it pins the whole log up to `events`. */
  headHash: string;
  findings: Finding[];
}

const balancePageSize = 5_000;

/**
 * `verify`: replays the whole log in one read-only snapshot (so concurrent writes cannot make an honest log look
 * wrong), then compares the balance projection with what the log says. Streams both. Plain class, no Nest or
 * TypeORM: the CLI builds it over a `pg` connection, the server's LedgerReplayModule over its DataSource.
 */
export class LedgerVerifier {
  constructor(
    private readonly snapshot: ReadSnapshot,
    private readonly log: EventLogReader,
  ) {}

  verify(): Promise<VerificationReport> {
    return this.snapshot.read(async (tx) => {
      const genesis = await readGenesis(tx);
      const audit = new LedgerAudit(genesisHash, genesis);
      for await (const logged of this.log.readAll(tx, genesis?.lastPosition ?? '0')) audit.next(logged.position, logged.event, logged.hash, logged.canonical);
      audit.finish();
      await checkBlocks(tx, audit, genesis);
      await this.compareProjection(tx, audit);
      return { ok: audit.findings.length === 0, events: audit.events, accounts: audit.accounts.size, transfers: audit.transfers, headHash: audit.headHash, findings: audit.findings };
    });
  }

  private async compareProjection(tx: Queryable, audit: LedgerAudit): Promise<void> {
    const seen = new Set<string>();
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows: { account_id: string; balance: string; version: string }[] = await tx.query(
        `SELECT account_id, balance::text AS balance, version::text AS version FROM account_balances WHERE account_id > $1 ORDER BY account_id LIMIT $2`,
        [after, balancePageSize],
      );
      for (const row of rows) {
        seen.add(row.account_id);
        const fold = audit.accounts.get(row.account_id);
        if (!fold) audit.report('projection_mismatch', `account_balances has ${row.account_id}, which the log never opened`, { accountId: row.account_id });
        else if (!fold.balance.equals(new Decimal(row.balance)) || String(fold.version) !== row.version) {
          audit.report('projection_mismatch', `account ${row.account_id}: projection says ${row.balance} at version ${row.version}, the log says ${fold.balance.toFixed()} at version ${fold.version}`, { accountId: row.account_id });
        }
      }
      if (rows.length < balancePageSize) break;
      after = rows[rows.length - 1].account_id;
    }
    for (const accountId of audit.accounts.keys()) if (!seen.has(accountId)) audit.report('projection_mismatch', `account ${accountId} has no row in account_balances`, { accountId });
    const sums: { currency: string; total: string }[] = await tx.query(`SELECT currency, sum(balance)::text AS total FROM account_balances GROUP BY currency HAVING sum(balance) <> 0`);
    for (const { currency, total } of sums) audit.report('currency_not_zero', `the balance projection's ${currency} accounts sum to ${total}, not 0`);
  }
}
