import { Command, CommandRunner } from 'nest-commander';

@Command({ name: 'retention:sweep', description: 'Remove uploads, idempotency keys and webhook attempts past their RETENTION_* age now' })
export class RetentionSweepCommand extends CommandRunner {
  async run(): Promise<void> {
    const { sweepRetention } = await import('../jobs/retention.job.js');
    await sweepRetention();
  }
}
