import { Command, CommandRunner, Option } from 'nest-commander';
import { printTable } from '../print-table.js';
import { LedgerSeeder } from '../seed/ledger-seeder.js';
import { ReconSampleSeeder } from '../seed/recon-sample-seeder.js';

@Command({ name: 'seed', description: 'Create Internal Float, Alice and Bob and run the sample transfers (safe to run twice); --recon adds the ledger side of data/bank_dump.csv' })
export class SeedCommand extends CommandRunner {
  constructor(
    private readonly seeder: LedgerSeeder,
    private readonly reconSample: ReconSampleSeeder,
  ) {
    super();
  }

  async run(_: string[], options: { recon?: boolean }): Promise<void> {
    const accounts = await this.seeder.seed();
    printTable(accounts.map(({ name, id, balance }) => ({ account: name, id, balance: `${balance} USD` })));
    if (options.recon) {
      const sample = await this.reconSample.seed();
      console.log(`\nRecon sample: 3 USD transfers on 2025-07-13 into merchant account ${sample.merchantAccountId}.`);
      console.log('Now run: npm run cli -- run-recon --source bank_csv --date 2025-07-13 --file_path ./data/bank_dump.csv');
    }
  }

  @Option({ flags: '--recon', description: 'Also create the ledger transfers that data/bank_dump.csv reconciles against' })
  parseRecon(): boolean {
    return true;
  }
}
