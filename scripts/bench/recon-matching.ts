// `npm run bench:recon`: the reconciliation engine end to end at scale, against the targets.
// BENCH_RECON_SEED (default 42) and BENCH_RECON_TRANSFERS (default 2,000,000) define the data set; the ledger
// side is posted once per seed through POST /ledger/transfers/batch into BENCH_RECON_DATABASE (default
// tally_bench_recon, on DATABASE_URL's server) and reused; BENCH_RECON_DIR (default .data/bench-recon) holds
// the CSV files and the generated RECON_SOURCES_FILE. Two jobs run through the CLI, each in its own process:
// half the period (N/2 a side) and the whole period (N a side); then the floors are measured on the same data.
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { benchCsvFile, benchCsvMapping, type BenchCsvFile } from './recon-csv-files.js';
import { stopActiveStatements, reconBenchDatabase } from './recon-database.js';
import { measureFloors } from './recon-floors.js';
import { ensureLedgerDataset } from './recon-generation.js';
import { jobPhases, printedSummary, runJobProcess } from './recon-job-process.js';
import { jobResult, printReport, verdicts, writeReport, type JobResult, type ReconBenchResult } from './recon-report.js';
import { benchDays } from './recon-dataset.js';

const seed = Number(process.env.BENCH_RECON_SEED ?? 42);
const transfers = Number(process.env.BENCH_RECON_TRANSFERS ?? 2_000_000);
const directory = resolve(process.env.BENCH_RECON_DIR ?? '.data/bench-recon');
/** A job still running after this long is stopped and reported with what the database was doing. */
const jobLimitSeconds = Number(process.env.BENCH_RECON_JOB_LIMIT_SECONDS ?? 600);
const log = (line: string) => console.log(line);

const countLabel = (n: number) => (n >= 1_000_000 && n % 1_000_000 === 0 ? `${n / 1_000_000}M` : n >= 1_000 && n % 1_000 === 0 ? `${n / 1_000}k` : String(n));

/**
 * One source per job size: a record is claimed at most once across the jobs of a source, so the whole-period
 * job would otherwise find the half-period job's claims (counterpart_taken). A rerun of the same source and
 * period supersedes the previous run's job, as in production.
 */
function writeSourcesFile(names: string[]): string {
  const path = join(directory, 'recon-sources.json');
  const source = { type: 'csv', description: 'recon bench export', options: { mapping: benchCsvMapping }, account_id: null, schedule: false };
  writeFileSync(path, `${JSON.stringify(Object.fromEntries(names.map((name) => [name, source])), null, 2)}\n`);
  return path;
}

async function benchJob(file: BenchCsvFile, label: string, source: string, env: NodeJS.ProcessEnv, databaseUrl: string): Promise<JobResult> {
  log(`job ${label}: run-recon --source ${source} --from ${file.from} --to ${file.to} (${file.rows.toLocaleString('en-US')} rows)`);
  const args = ['run-recon', '--source', source, '--from', file.from, '--to', file.to, '--file_path', file.path];
  const run = await runJobProcess(args, env, jobLimitSeconds, () => stopActiveStatements(databaseUrl));
  log(`  ${run.seconds.toFixed(1)} s, exit ${run.exitCode}, peak RSS ${run.peakRssMebibytes?.toFixed(0)} MiB`);
  log(`floors ${label}: parse, COPY in, hash join, COPY out`);
  const floors = await measureFloors(databaseUrl, file);
  return jobResult(label, source, file, run, printedSummary(run.stdout), jobPhases(`${run.stdout}\n${run.stderr}`), floors);
}

async function main(): Promise<void> {
  const startedAt = new Date().toISOString();
  const database = reconBenchDatabase();
  const dataset = await ensureLedgerDataset(database, seed, transfers, log);
  const half = await benchCsvFile(directory, seed, transfers, benchDays.length / 2);
  const whole = await benchCsvFile(directory, seed, transfers, benchDays.length);
  const [smallLabel, largeLabel] = [countLabel(half.rows), countLabel(whole.rows)];
  const sources = [`bench_${smallLabel}`.toLowerCase(), `bench_${largeLabel}`.toLowerCase()];
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: database.url, RECON_SOURCES_FILE: writeSourcesFile(sources) };
  const small = await benchJob(half, smallLabel, sources[0], env, database.url);
  const large = await benchJob(whole, largeLabel, sources[1], env, database.url);
  const bothCompleted = small.run.exitCode === 0 && large.run.exitCode === 0;
  const result: ReconBenchResult = {
    startedAt, seed, transfers,
    dataset: { database: database.name, reused: dataset.reused, generationSeconds: dataset.seconds },
    jobs: [small, large],
    ratio2mOver1m: bothCompleted ? large.run.seconds / small.run.seconds : undefined,
    targets: verdicts(small, large),
  };
  printReport(result, log);
  log(`written to ${writeReport(result)}`);
}

await main();
