import { Command, CommandRunner } from 'nest-commander';
import { ProjectionRebuilder } from '../../ledger/projections/projection-rebuilder.js';
import { printTable } from '../print-table.js';

@Command({ name: 'projections:rebuild', description: 'Rebuild balances and statements from the event log (safe while the server runs)' })
export class RebuildProjectionsCommand extends CommandRunner {
  constructor(private readonly rebuilder: ProjectionRebuilder) {
    super();
  }

  async run(): Promise<void> {
    const report = await this.rebuilder.rebuild();
    console.log(`Replayed ${report.events} events into ${report.accounts} account balances and ${report.statementLines} statement lines.`);
    if (report.corrected.length === 0) {
      console.log('Every stored balance already matched the log.');
      return;
    }
    console.log(`Corrected ${report.corrected.length} balance(s):`);
    printTable(report.corrected.map((row) => ({ account: row.accountId, stored: row.stored ?? '(missing)', rebuilt: row.rebuilt })));
  }
}
