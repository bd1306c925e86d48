import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { floorSum, type Floors } from './recon-floors.js';
import type { JobRun } from './recon-job-process.js';

export interface JobResult {
  label: string;
  source: string;
  from: string;
  to: string;
  fileRows: number;
  run: Omit<JobRun, 'stdout' | 'stderr'> & { outputTail?: string };
  summary: Record<string, string>;
  phases: { totalMs: number; phasesMs: Record<string, number> } | undefined;
  floors: Floors;
  floorSumSeconds: number;
  jobOverFloor: number;
}

export interface ReconBenchResult {
  startedAt: string;
  seed: number;
  transfers: number;
  dataset: { database: string; reused: boolean; generationSeconds: number | undefined };
  jobs: JobResult[];
  ratio2mOver1m: number | undefined;
  targets: { target: string; measured: string; met: boolean | undefined }[];
}

export function jobResult(label: string, source: string, file: { rows: number; from: string; to: string }, run: JobRun, summary: Record<string, string>, phases: JobResult['phases'], floors: Floors): JobResult {
  const { stdout, stderr, ...measured } = run;
  const failed = run.exitCode !== 0 || run.timedOut !== undefined;
  return {
    label, source, from: file.from, to: file.to, fileRows: file.rows,
    run: { ...measured, ...(failed && { outputTail: `${stdout}\n${stderr}`.trim().slice(-2_000) }) },
    summary, phases, floors, floorSumSeconds: floorSum(floors), jobOverFloor: run.seconds / floorSum(floors),
  };
}

/** The issue's targets; a failed job meets none of its own. */
export function verdicts(small: JobResult, large: JobResult): ReconBenchResult['targets'] {
  const ok = (job: JobResult) => job.run.exitCode === 0;
  const ratio = large.run.seconds / small.run.seconds;
  const rss = (job: JobResult) => job.run.peakRssMebibytes;
  return [
    { target: `${small.label} job <= 20 s`, measured: `${small.run.seconds.toFixed(1)} s${ok(small) ? '' : ' (failed)'}`, met: ok(small) && small.run.seconds <= 20 },
    ...[small, large].map((job) => ({ target: `${job.label} peak RSS < 512 MB`, measured: `${rss(job)?.toFixed(0) ?? 'n/a'} MiB${ok(job) ? '' : ' (failed)'}`, met: rss(job) === undefined ? undefined : ok(job) && rss(job)! < 512 })),
    { target: `${large.label} <= 2.2x ${small.label}`, measured: ok(small) && ok(large) ? `${ratio.toFixed(2)}x` : 'n/a (a job failed)', met: ok(small) && ok(large) ? ratio <= 2.2 : false },
  ];
}

const s = (seconds: number) => `${seconds.toFixed(2)} s`;

export function printReport(result: ReconBenchResult, log: (line: string) => void): void {
  log('');
  log(`Reconciliation bench, seed ${result.seed}, ${result.transfers.toLocaleString('en-US')} ledger transfers (${result.dataset.reused ? 'database reused' : 'generated now'}; posting took ${result.dataset.generationSeconds?.toFixed(0) ?? '?'} s)`);
  const rows = [
    ['', ...result.jobs.map((job) => job.label)],
    ['period', ...result.jobs.map((job) => `${job.from} .. ${job.to}`)],
    ['file rows', ...result.jobs.map((job) => job.fileRows.toLocaleString('en-US'))],
    ['job end to end', ...result.jobs.map((job) => `${s(job.run.seconds)}${job.run.timedOut ? ' STOPPED at the limit' : job.run.exitCode === 0 ? '' : ` FAILED (exit ${job.run.exitCode})`}`)],
    ['peak RSS', ...result.jobs.map((job) => `${job.run.peakRssMebibytes?.toFixed(0) ?? 'n/a'} MiB`)],
    ['matched exact / fuzzy', ...result.jobs.map((job) => `${job.summary.matched_exact ?? '-'} / ${job.summary.matched_fuzzy ?? '-'}`)],
    ['unmatched ext / int', ...result.jobs.map((job) => `${job.summary.unmatched_external ?? '-'} / ${job.summary.unmatched_internal ?? '-'}`)],
    ['floor: parse (readCsv)', ...result.jobs.map((job) => `${s(job.floors.parseSeconds)}${job.floors.parseRefused ? ` (first ${job.floors.records.toLocaleString('en-US')} rows only: ${job.floors.parseRefused})` : ''}`)],
    ['floor: COPY in (unlogged)', ...result.jobs.map((job) => s(job.floors.copyInSeconds))],
    ['floor: hash join', ...result.jobs.map((job) => `${s(job.floors.joinSeconds)} (${job.fileRows.toLocaleString('en-US')} x ${job.floors.ledgerRows.toLocaleString('en-US')}, ${job.floors.joinedRows.toLocaleString('en-US')} pairs)`)],
    ['floor: COPY out', ...result.jobs.map((job) => s(job.floors.copyOutSeconds))],
    ['floor sum', ...result.jobs.map((job) => s(job.floorSumSeconds))],
    ['job / floor sum', ...result.jobs.map((job) => `${job.jobOverFloor.toFixed(2)}x`)],
    ['job phases (ms, log line)', ...result.jobs.map((job) => (job.phases ? `${job.phases.totalMs}: ${Object.entries(job.phases.phasesMs).map(([phase, ms]) => `${phase} ${ms}`).join(', ')}` : 'no log line'))],
  ];
  const width = Math.max(...rows.map((row) => row[0].length));
  for (const row of rows) log(`${row[0].padEnd(width)}  ${row.slice(1).join('  |  ')}`);
  log(`ratio 2M/1M: ${result.ratio2mOver1m?.toFixed(2) ?? 'n/a'}x; peak RSS by ${result.jobs[0]?.run.peakRssMethod}`);
  for (const target of result.targets) log(`${target.met === undefined ? 'n/a ' : target.met ? 'MET ' : 'MISS'}  ${target.target}: ${target.measured}`);
  for (const job of result.jobs.filter((job) => job.run.timedOut)) log(`${job.label} stopped after ${job.run.timedOut!.afterSeconds} s; the database was running:\n${job.run.timedOut!.activity}`);
  for (const job of result.jobs.filter((job) => job.run.outputTail)) log(`${job.label} output:\n${job.run.outputTail}`);
}

export function writeReport(result: ReconBenchResult): string {
  const directory = 'bench/results';
  mkdirSync(directory, { recursive: true });
  const path = join(directory, `recon-${result.startedAt.slice(0, 10)}.json`);
  writeFileSync(path, `${JSON.stringify(result, null, 2)}\n`);
  return path;
}
