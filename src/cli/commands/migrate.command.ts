import { Command, CommandRunner } from 'nest-commander';

/** Applies pending migrations even with MIGRATIONS_RUN=false (how a deployment migrates before it starts). */
@Command({ name: 'migrate', description: 'Apply pending database migrations (under an advisory lock) and exit' })
export class MigrateCommand extends CommandRunner {
  async run(): Promise<void> {
    const { migrate } = await import('../jobs/migrate.job.js');
    await migrate();
  }
}
