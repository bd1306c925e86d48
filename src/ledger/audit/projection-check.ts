import type { Queryable } from '../../database/unit-of-work.js';
import type { LedgerAudit } from './ledger-audit.js';
import { formatTenThousandths as money, parseTenThousandths } from './ten-thousandths.js';

const balancePageSize = 5_000;

/** Compares account_balances with the fold of the log, in keyset pages (memory bounded by the accounts, as the fold is). */
export async function compareProjection(tx: Queryable, audit: LedgerAudit): Promise<void> {
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
      else if (fold.balance !== parseTenThousandths(row.balance) || String(fold.version) !== row.version) {
        audit.report('projection_mismatch', `account ${row.account_id}: projection says ${row.balance} at version ${row.version}, the log says ${money(fold.balance)} at version ${fold.version}`, { accountId: row.account_id });
      }
    }
    if (rows.length < balancePageSize) break;
    after = rows[rows.length - 1].account_id;
  }
  for (const accountId of audit.accounts.keys()) if (!seen.has(accountId)) audit.report('projection_mismatch', `account ${accountId} has no row in account_balances`, { accountId });
  const sums: { currency: string; total: string }[] = await tx.query(`SELECT currency, sum(balance)::text AS total FROM account_balances GROUP BY currency HAVING sum(balance) <> 0`);
  for (const { currency, total } of sums) audit.report('currency_not_zero', `the balance projection's ${currency} accounts sum to ${total}, not 0`);
}
