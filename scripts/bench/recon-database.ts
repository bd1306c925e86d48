import pg from 'pg';
import { urlOfDatabase } from './bench-database.js';

/**
 * The reconciliation bench's own database (BENCH_RECON_DATABASE, default tally_bench_recon) on DATABASE_URL's
 * server (default the local one). It is kept between runs: generating 2M transfers through the write path takes
 * tens of minutes, so a marker row records which seed and size the database holds.
 */
export interface ReconBenchDatabase {
  name: string;
  url: string;
  serverUrl: string;
}

const markerTable = 'bench_recon_dataset';

export function reconBenchDatabase(): ReconBenchDatabase {
  const name = process.env.BENCH_RECON_DATABASE ?? 'tally_bench_recon';
  // The test suite's database is never reused: the e2e suites truncate it, and the bench would wipe theirs.
  if (!/^[a-z_][a-z0-9_]*$/.test(name) || name === 'test' || name === 'postgres') throw new Error(`BENCH_RECON_DATABASE=${name} is not a dedicated bench database name`);
  const serverUrl = urlOfDatabase(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres', 'postgres');
  return { name, url: urlOfDatabase(serverUrl, name), serverUrl };
}

export async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** True when the database exists and its marker says it holds exactly this seed and size, completely posted. */
export async function holdsDataset(database: ReconBenchDatabase, seed: number, transfers: number): Promise<boolean> {
  const exists = await withClient(database.serverUrl, async (client) => (await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database.name])).rowCount === 1);
  if (!exists) return false;
  return withClient(database.url, async (client) => {
    const table = await client.query('SELECT to_regclass($1) AS name', [markerTable]);
    if (!table.rows[0].name) return false;
    const marker = await client.query(`SELECT 1 FROM ${markerTable} WHERE seed = $1 AND transfers = $2 AND completed_at IS NOT NULL`, [seed, transfers]);
    return marker.rowCount === 1;
  });
}

export async function recreate(database: ReconBenchDatabase): Promise<void> {
  await withClient(database.serverUrl, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${database.name} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${database.name}`);
  });
}

/** Written last, after every batch was answered 201: an interrupted generation leaves no marker and is redone. */
export async function markDataset(database: ReconBenchDatabase, seed: number, transfers: number, seconds: number): Promise<void> {
  await withClient(database.url, async (client) => {
    await client.query(`CREATE TABLE IF NOT EXISTS ${markerTable} (seed integer NOT NULL, transfers integer NOT NULL, generation_seconds numeric NOT NULL, completed_at timestamptz)`);
    await client.query(`DELETE FROM ${markerTable}`);
    await client.query(`INSERT INTO ${markerTable} VALUES ($1, $2, $3, now())`, [seed, transfers, seconds.toFixed(1)]);
  });
}

export async function generationSeconds(database: ReconBenchDatabase): Promise<number | undefined> {
  return withClient(database.url, async (client) => {
    const row = (await client.query(`SELECT generation_seconds FROM ${markerTable}`)).rows[0];
    return row ? Number(row.generation_seconds) : undefined;
  });
}

/**
 * The bench database's active statements and how long each has run (the profile of a job stopped at the
 * limit), then cancels them: a killed client's statement would otherwise run on and skew what follows.
 */
export async function stopActiveStatements(url: string): Promise<string> {
  return withClient(url, async (client) => {
    const { rows } = await client.query(
      `SELECT pid, round(extract(epoch FROM now() - query_start))::int AS seconds, left(regexp_replace(query, '\\s+', ' ', 'g'), 300) AS query
       FROM pg_stat_activity WHERE datname = current_database() AND state = 'active' AND pid <> pg_backend_pid()`,
    );
    await client.query(`SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND state = 'active' AND pid <> pg_backend_pid()`);
    return rows.map((row) => `${row.seconds} s: ${row.query}`).join('\n') || 'no active statement';
  });
}
