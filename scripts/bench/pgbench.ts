import { execFileSync } from 'node:child_process';

/** TPC-B in a scratch database on the same server, with the same concurrency and duration; undefined without pgbench. */
export function runPgbench(databaseUrl: string, clients: number, seconds: number): number | undefined {
  try {
    execFileSync('pgbench', ['--version'], { stdio: 'ignore' });
  } catch {
    console.log('pgbench not found: skipping the TPC-B comparison');
    return undefined;
  }
  const url = new URL(databaseUrl);
  const env = { ...process.env, PGPASSWORD: decodeURIComponent(url.password) };
  const connection = ['-h', url.hostname, '-p', url.port || '5432', '-U', decodeURIComponent(url.username) || 'postgres'];
  const psql = (sql: string) => execFileSync('psql', [...connection, '-d', 'postgres', '-qc', sql], { env, stdio: 'ignore' });
  psql('DROP DATABASE IF EXISTS tally_bench_tpcb');
  psql('CREATE DATABASE tally_bench_tpcb');
  try {
    execFileSync('pgbench', [...connection, '-i', '-q', '-s', '10', 'tally_bench_tpcb'], { env, stdio: 'ignore' });
    const output = execFileSync('pgbench', [...connection, '-c', String(clients), '-j', '2', '-T', String(seconds), 'tally_bench_tpcb'], { env }).toString();
    const tps = /tps = ([\d.]+)/.exec(output);
    return tps ? Number(tps[1]) : undefined;
  } finally {
    psql('DROP DATABASE IF EXISTS tally_bench_tpcb');
  }
}
