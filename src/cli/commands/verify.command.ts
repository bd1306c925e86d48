import { Command, CommandRunner } from 'nest-commander';

@Command({ name: 'verify', description: 'Replay the event log, check the hash chain, double entry, overdraft floors and projections; exit 1 on any difference' })
export class VerifyCommand extends CommandRunner {
  async run(): Promise<void> {
    const { verifyLedger } = await import('../jobs/verify.job.js');
    await verifyLedger();
  }
}
