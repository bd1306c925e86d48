import { DataSource } from 'typeorm';
import { runMigrations } from '../../database/run-migrations.js';
import { withCommandContext } from '../command-context.js';

/** `migrate`: applies pending migrations itself, so it works with MIGRATIONS_RUN=false. */
export async function migrate(): Promise<void> {
  const applied = await withCommandContext({}, (context) => runMigrations(context.get(DataSource)));
  console.log(applied.length > 0 ? `Applied: ${applied.join(', ')}` : 'Database schema is up to date.');
}
