import { Command, CommandRunner } from 'nest-commander';

@Command({ name: 'projections:rebuild', description: 'Rebuild balances and statements from the event log (safe while the server runs)' })
export class RebuildProjectionsCommand extends CommandRunner {
  async run(): Promise<void> {
    const { rebuildProjections } = await import('../jobs/rebuild-projections.job.js');
    await rebuildProjections();
  }
}
