import { Command, CommandRunner } from 'nest-commander';

/** Migrations run when the app context starts (MigrationRunner); this command only reports it. */
@Command({ name: 'migrate', description: 'Apply pending database migrations (under an advisory lock) and exit' })
export class MigrateCommand extends CommandRunner {
  async run(): Promise<void> {
    console.log('Database schema is up to date.');
  }
}
