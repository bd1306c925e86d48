import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { BenchRow } from './bench-result.js';
import type { BenchDatabase } from './bench-database.js';
import { percentile } from './percentile.js';

const run = promisify(execFile);
const database = 'tally_bench_tpcb';
const scale = 10;
const clients = 8;
const threads = 2;

/**
 * The ceiling: pgbench's TPC-B on a scratch database of the same server, as the issue specifies it (scale 10,
 * 8 clients, 2 threads). Latencies come from pgbench's per-transaction log. Without pgbench the row says so.
 */
export async function measureTpcb(server: BenchDatabase, seconds: number): Promise<BenchRow> {
  const row = { key: 'tpcb', label: `pgbench TPC-B (scale ${scale}, ${clients} clients)`, unit: 'tps' };
  try {
    await run('pgbench', ['--version']);
  } catch {
    return { ...row, status: 'skipped', note: 'pgbench is not installed: install the PostgreSQL client tools to get the ceiling and the ratios.' };
  }
  const url = await server.createScratch(database);
  const logDir = mkdtempSync(join(tmpdir(), 'tally-bench-pgbench-'));
  try {
    await run('pgbench', ['-i', '-q', '-s', String(scale), url], { maxBuffer: 16 * 2 ** 20 });
    const { stdout } = await run('pgbench', ['-c', String(clients), '-j', String(threads), '-T', String(seconds), '-b', 'tpcb-like', '-l', `--log-prefix=${join(logDir, 'tpcb')}`, url], { maxBuffer: 16 * 2 ** 20 });
    const tps = /tps = ([\d.]+)/.exec(stdout);
    if (!tps) return { ...row, status: 'failed', note: `pgbench printed no tps: ${stdout.trim().split('\n').pop()}` };
    const latencies = transactionLatenciesMs(logDir);
    return { ...row, status: 'measured', throughputPerSecond: Number(tps[1]), latencyP50Ms: percentile(latencies, 0.5), latencyP99Ms: percentile(latencies, 0.99), details: { seconds, transactions: latencies.length } };
  } catch (error) {
    return { ...row, status: 'failed', note: `pgbench failed: ${(error as Error).message.split('\n')[0]}` };
  } finally {
    rmSync(logDir, { recursive: true, force: true });
    await server.dropScratch(database);
  }
}

/** pgbench's per-transaction log: `client transaction latency_us script epoch_s epoch_us` a line, a file per thread. */
function transactionLatenciesMs(logDir: string): number[] {
  const latencies: number[] = [];
  for (const file of readdirSync(logDir)) {
    for (const line of readFileSync(join(logDir, file), 'utf8').split('\n')) {
      const microseconds = Number(line.split(' ')[2]);
      if (line && Number.isFinite(microseconds)) latencies.push(microseconds / 1000);
    }
  }
  return latencies.sort((a, b) => a - b);
}
