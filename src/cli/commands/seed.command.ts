import { Command, CommandRunner, Option } from 'nest-commander';

@Command({ name: 'seed', description: 'Create Internal Float, Alice and Bob and run the sample transfers (safe to run twice); --recon adds the ledger side of data/bank_dump.csv' })
export class SeedCommand extends CommandRunner {
  async run(_: string[], options: { recon?: boolean }): Promise<void> {
    const { seed } = await import('../jobs/seed.job.js');
    await seed(options);
  }

  @Option({ flags: '--recon', description: 'Also create the ledger transfers that data/bank_dump.csv reconciles against' })
  parseRecon(): boolean {
    return true;
  }
}
