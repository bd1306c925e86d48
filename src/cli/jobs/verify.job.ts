import { LedgerVerifier } from '../../ledger/audit/ledger-verifier.js';
import { printTable } from '../print-table.js';
import { PgReadSnapshot } from '../plain-database/pg-read-snapshot.js';
import { withPgClient } from '../plain-database/with-pg-client.js';

/**
 * `verify`: prints the report with the chain head; exit code 1 on any finding. Reads only, over plain `pg` (no Nest
 * application context, no TypeORM, no migrations): a schema that is missing or behind is an error, not migrated.
 */
export async function verifyLedger(): Promise<void> {
  const report = await withPgClient((client, connect) => new LedgerVerifier(new PgReadSnapshot(client, connect)).verify());
  console.log(`Replayed ${report.events} events: ${report.accounts} accounts, ${report.transfers} transfers. Chain head ${report.headHash}.`);
  if (report.ok) {
    console.log('OK: the log is intact and every projection matches it.');
    return;
  }
  console.log(`FAILED: ${report.findings.length} finding(s).`);
  printTable(report.findings.map((finding) => ({ kind: finding.kind, position: finding.position ?? '', message: finding.message })));
  process.exitCode = 1;
}
