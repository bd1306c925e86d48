import { LedgerVerifier } from '../../ledger/audit/ledger-verifier.js';
import { LedgerReplayModule } from '../../ledger/ledger-replay.module.js';
import { withCommandContext } from '../command-context.js';
import { printTable } from '../print-table.js';

/** `verify`: prints the report with the chain head; exit code 1 on any finding. */
export async function verifyLedger(): Promise<void> {
  const report = await withCommandContext({ imports: [LedgerReplayModule] }, (context) => context.get(LedgerVerifier).verify());
  console.log(`Replayed ${report.events} events: ${report.accounts} accounts, ${report.transfers} transfers. Chain head ${report.headHash}.`);
  if (report.ok) {
    console.log('OK: the log is intact and every projection matches it.');
    return;
  }
  console.log(`FAILED: ${report.findings.length} finding(s).`);
  printTable(report.findings.map((finding) => ({ kind: finding.kind, position: finding.position ?? '', message: finding.message })));
  process.exitCode = 1;
}
