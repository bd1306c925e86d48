import type pg from 'pg';
import { migrations } from '../../../migrations/index.js';

/** PostgreSQL's undefined_table: a database no migration has run on yet. */
const undefinedTable = '42P01';

/**
 * Throws unless every migration this build knows is recorded in `schema_migrations`: a command that only reads
 * must not migrate, and must not read a schema it does not understand.
 */
export async function ensureSchemaIsCurrent(client: pg.Client): Promise<void> {
  // TypeORM names a migration by its `name` property, else by its class name (src/database/run-migrations.ts).
  const known = migrations.map((Migration) => new Migration().name ?? Migration.name);
  let applied: Set<string>;
  try {
    const { rows } = await client.query<{ name: string }>('SELECT name FROM schema_migrations WHERE name = ANY($1)', [known]);
    applied = new Set(rows.map((row) => row.name));
  } catch (error) {
    if ((error as { code?: string }).code !== undefinedTable) throw error;
    throw new Error('The database has no Tally schema yet: run `tally migrate` first.');
  }
  const missing = known.filter((name) => !applied.has(name));
  if (missing.length > 0) throw new Error(`The database schema is behind this build (not applied: ${missing.join(', ')}): run \`tally migrate\` first.`);
}
