// How long `tally --help` and `tally verify` take as whole processes (bin/tally.js, what the `tally` command
// runs), verify on the seed data in a scratch database of its own on the same server. Median and minimum of
// BENCH_CLI_RUNS runs (default 5) after one warm-up; printed, never asserted.
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import pg from 'pg';

export interface CliStartup {
  help: Timing;
  verify: Timing;
  runs: number;
}

interface Timing {
  medianMs: number;
  minMs: number;
}

const runs = Number(process.env.BENCH_CLI_RUNS ?? 5);

export async function measureCliStartup(serverUrl: string): Promise<CliStartup> {
  const scratch = Object.assign(new URL(serverUrl), { pathname: `/tally_bench_cli_${process.pid}` });
  const database = scratch.pathname.slice(1);
  await admin(serverUrl, `DROP DATABASE IF EXISTS ${database}`);
  await admin(serverUrl, `CREATE DATABASE ${database}`);
  try {
    const env = { ...process.env, DATABASE_URL: scratch.toString() };
    tally(['seed'], env);
    return { help: time(['--help'], env), verify: time(['verify'], env), runs };
  } finally {
    await admin(serverUrl, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  }
}

export function describeCliStartup({ help, verify, runs }: CliStartup): string {
  const ms = (timing: Timing) => `median ${timing.medianMs.toFixed(0)} ms (min ${timing.minMs.toFixed(0)})`;
  return `CLI start-up, whole process over ${runs} runs: tally --help ${ms(help)}; tally verify on the seed data ${ms(verify)}`;
}

function time(args: string[], env: NodeJS.ProcessEnv): Timing {
  tally(args, env);
  const elapsed = Array.from({ length: runs }, () => {
    const started = performance.now();
    tally(args, env);
    return performance.now() - started;
  }).sort((a, b) => a - b);
  return { medianMs: elapsed[Math.floor(elapsed.length / 2)], minMs: elapsed[0] };
}

function tally(args: string[], env: NodeJS.ProcessEnv): void {
  const result = spawnSync(process.execPath, ['bin/tally.js', ...args], { env, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`tally ${args.join(' ')} exited with ${result.status}: ${result.stderr}`);
}

/** Statements against the server's `postgres` database (CREATE and DROP DATABASE cannot run inside the one they name). */
async function admin(serverUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: Object.assign(new URL(serverUrl), { pathname: '/postgres' }).toString() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
