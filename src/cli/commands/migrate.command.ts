import { Command, CommandRunner } from 'nest-commander';
import { DataSource } from 'typeorm';
import { runMigrations } from '../../database/run-migrations.js';

/** Applies pending migrations even with MIGRATIONS_RUN=false (how a deployment migrates before it starts). */
@Command({ name: 'migrate', description: 'Apply pending database migrations (under an advisory lock) and exit' })
export class MigrateCommand extends CommandRunner {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async run(): Promise<void> {
    const applied = await runMigrations(this.dataSource);
    console.log(applied.length > 0 ? `Applied: ${applied.join(', ')}` : 'Database schema is up to date.');
  }
}
