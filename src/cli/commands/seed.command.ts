import { Command, CommandRunner } from 'nest-commander';
import { printTable } from '../print-table.js';
import { LedgerSeeder } from '../seed/ledger-seeder.js';

@Command({ name: 'seed', description: 'Create Internal Float, Alice and Bob and run the sample transfers (safe to run twice)' })
export class SeedCommand extends CommandRunner {
  constructor(private readonly seeder: LedgerSeeder) {
    super();
  }

  async run(): Promise<void> {
    const accounts = await this.seeder.seed();
    printTable(accounts.map(({ name, id, balance }) => ({ account: name, id, balance: `${balance} USD` })));
  }
}
