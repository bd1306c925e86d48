import { Command, CommandRunner } from 'nest-commander';
import { LedgerVerifier } from '../../ledger/audit/ledger-verifier.js';
import { printTable } from '../print-table.js';

@Command({ name: 'verify', description: 'Replay the event log, check the hash chain, double entry, overdraft floors and projections; exit 1 on any difference' })
export class VerifyCommand extends CommandRunner {
  constructor(private readonly verifier: LedgerVerifier) {
    super();
  }

  async run(): Promise<void> {
    const report = await this.verifier.verify();
    console.log(`Replayed ${report.events} events: ${report.accounts} accounts, ${report.transfers} transfers. Chain head ${report.headHash}.`);
    if (report.ok) {
      console.log('OK: the log is intact and every projection matches it.');
      return;
    }
    console.log(`FAILED: ${report.findings.length} finding(s).`);
    printTable(report.findings.map((finding) => ({ kind: finding.kind, position: finding.position ?? '', message: finding.message })));
    process.exitCode = 1;
  }
}
