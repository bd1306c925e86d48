import type { DataSource } from 'typeorm';

/** Any constant works; it only has to be the same in every replica. ('tally' in ASCII.) */
const migrationLockKey = 0x74616c6c79;

/** PostgreSQL's undefined_table: a database no migration has run on yet. */
const undefinedTable = '42P01';

/**
 * Applies pending migrations while holding a session advisory lock, so replicas that start together
 * apply them once: the second waits, then finds nothing pending. When every migration is already
 * recorded (every start but the first), one query says so and neither the lock nor TypeORM's checks run.
 */
export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  if (!(await hasPendingMigrations(dataSource))) return [];
  const lockRunner = dataSource.createQueryRunner();
  await lockRunner.connect();
  try {
    await lockRunner.query('SELECT pg_advisory_lock($1)', [migrationLockKey]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  } finally {
    await lockRunner.query('SELECT pg_advisory_unlock($1)', [migrationLockKey]).catch(() => undefined);
    await lockRunner.release();
  }
}

async function hasPendingMigrations(dataSource: DataSource): Promise<boolean> {
  // TypeORM names a migration by its `name` property, else by its class name.
  const known = dataSource.migrations.map((migration) => migration.name ?? migration.constructor.name);
  const table = dataSource.options.migrationsTableName ?? 'migrations';
  try {
    const [row]: { applied: number }[] = await dataSource.query(`SELECT count(DISTINCT name)::int AS applied FROM "${table}" WHERE name = ANY($1)`, [known]);
    return row.applied < known.length;
  } catch (error) {
    if ((error as { code?: string }).code === undefinedTable) return true;
    throw error;
  }
}
