import pg from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options.js';
import { runMigrations } from '../../src/database/run-migrations.js';
import { runCli } from '../support/run-cli.js';
import { ScratchDatabase } from '../support/scratch-database.js';

/** Two replicas starting at once on an empty database: the advisory lock lets one apply the schema. */
describe('migrations', () => {
  const serverUrl = process.env.TALLY_TEST_SERVER_URL!;
  const name = `tally_migrate_${Date.now()}`;
  const url = Object.assign(new URL(serverUrl), { pathname: `/${name}` }).toString();

  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
  });

  afterAll(async () => {
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  });

  it('applies each migration once when two processes race', async () => {
    const replicas = await Promise.all([0, 1].map(() => new DataSource(dataSourceOptions(url, 2)).initialize()));
    try {
      const applied = await Promise.all(replicas.map((dataSource) => runMigrations(dataSource)));
      expect(applied.flat().sort()).toEqual(replicas[0].migrations.map((migration) => migration.name).sort());
      const rows: { name: string }[] = await replicas[0].query('SELECT name FROM schema_migrations');
      expect(rows).toHaveLength(replicas[0].migrations.length);
      expect(await replicas[1].showMigrations()).toBe(false);
    } finally {
      await Promise.all(replicas.map((dataSource) => dataSource.destroy()));
    }
  });

  it('migrate applies them from the CLI even with MIGRATIONS_RUN=false, then finds nothing to do', async () => {
    const scratch = await ScratchDatabase.create('tally_migrate_cli');
    try {
      const env = { DATABASE_URL: scratch.url, MIGRATIONS_RUN: 'false' };
      const first = await runCli(['migrate'], env);
      expect(first.code).toBe(0);
      expect(first.stdout).toMatch(/^Applied: LedgerSchema/m);
      expect((await runCli(['migrate'], env)).stdout).toContain('Database schema is up to date.');
    } finally {
      await scratch.drop();
    }
  });
});
