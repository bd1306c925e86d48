import { execFileSync } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';
import pg from 'pg';
import { resultsDir } from './bench-report.js';

/** Where the numbers were taken: they mean little without the machine, the versions and the durability settings. */
export interface MachineInfo {
  cores: number;
  cpuModel: string;
  memoryGibibytes: number;
  /** 1-minute load average when the run started: other work on the machine shows here. */
  loadAverageAtStart: number;
  node: string;
  postgres: string;
  /** Reported, never changed by the bench: the ledger must be fast with them as they are. */
  durability: { fsync: string; synchronousCommit: string; fullPageWrites: string };
  commit: string;
}

export async function machineInfo(serverUrl: string): Promise<MachineInfo> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const setting = async (name: string) => ((await client.query(`SELECT current_setting($1) AS value`, [name])).rows[0] as { value: string }).value;
    return {
      cores: cpus().length,
      cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
      memoryGibibytes: Math.round((totalmem() / 2 ** 30) * 10) / 10,
      loadAverageAtStart: Math.round(loadavg()[0] * 10) / 10,
      node: process.version,
      postgres: await setting('server_version'),
      durability: { fsync: await setting('fsync'), synchronousCommit: await setting('synchronous_commit'), fullPageWrites: await setting('full_page_writes') },
      commit: gitCommit(),
    };
  } finally {
    await client.end();
  }
}

function gitCommit(): string {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
    // Results the bench itself wrote do not make the measured code differ from the commit.
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no', '--', '.', `:!${resultsDir}`], { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim() !== '';
    return dirty ? `${commit} (with uncommitted changes)` : commit;
  } catch {
    return 'unknown';
  }
}
