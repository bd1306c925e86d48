import type { DataSource } from 'typeorm';

/** Any constant works; it only has to be the same in every replica. ('tally' in ASCII.) */
const migrationLockKey = 0x74616c6c79;

/**
 * Applies pending migrations while holding a session advisory lock, so replicas that start together
 * apply them once: the second waits, then finds nothing pending.
 */
export async function runMigrations(dataSource: DataSource): Promise<string[]> {
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
