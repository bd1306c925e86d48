import { CqrsModule } from '@nestjs/cqrs';
import { LedgerModule } from '../../ledger/ledger.module.js';
import { withCommandContext } from '../command-context.js';
import { printTable } from '../print-table.js';
import { LedgerSeeder } from '../seed/ledger-seeder.js';
import { ReconSampleSeeder } from '../seed/recon-sample-seeder.js';

/** `seed [--recon]`: through the same CommandBus as the API, so the statement projection runs as it does there. */
export async function seed(options: { recon?: boolean }): Promise<void> {
  const needs = { imports: [CqrsModule.forRoot(), LedgerModule], providers: [LedgerSeeder, ReconSampleSeeder] };
  await withCommandContext(needs, async (context) => {
    const accounts = await context.get(LedgerSeeder).seed();
    printTable(accounts.map(({ name, id, balance }) => ({ account: name, id, balance: `${balance} USD` })));
    if (!options.recon) return;
    const sample = await context.get(ReconSampleSeeder).seed();
    console.log(`\nRecon sample: 3 USD transfers on 2025-07-13 into merchant account ${sample.merchantAccountId}.`);
    console.log('Now run: node bin/tally.js run-recon --source bank_csv --date 2025-07-13 --file_path ./data/bank_dump.csv');
  });
}
