import { LedgerReplayModule } from '../../ledger/ledger-replay.module.js';
import { ProjectionRebuilder } from '../../ledger/projections/projection-rebuilder.js';
import { withCommandContext } from '../command-context.js';
import { printTable } from '../print-table.js';

/** `projections:rebuild`: replays the log into the projections and lists the balances it corrected. */
export async function rebuildProjections(): Promise<void> {
  const report = await withCommandContext({ imports: [LedgerReplayModule] }, (context) => context.get(ProjectionRebuilder).rebuild());
  console.log(`Replayed ${report.events} events into ${report.accounts} account balances and ${report.statementLines} statement lines.`);
  if (report.corrected.length === 0) {
    console.log('Every stored balance already matched the log.');
    return;
  }
  console.log(`Corrected ${report.corrected.length} balance(s):`);
  printTable(report.corrected.map((row) => ({ account: row.accountId, stored: row.stored ?? '(missing)', rebuilt: row.rebuilt })));
}
