import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchOptions } from './bench-options.js';
import { markdownTable, type JudgedRow } from './bench-result.js';
import type { MachineInfo } from './machine-info.js';

export const resultsDir = 'bench/results';

export interface BenchReport {
  startedAt: string;
  mode: BenchOptions['mode'];
  durations: { tpcbSeconds: number; loadSeconds: number; warmupSeconds: number };
  machine: MachineInfo;
  rows: JudgedRow[];
}

export function reportMarkdown(report: BenchReport): string {
  const { machine } = report;
  const { durability } = machine;
  return [
    `# Tally benchmark, ${report.startedAt} (${report.mode})`,
    '',
    `${machine.cores} cores (${machine.cpuModel}), ${machine.memoryGibibytes} GiB, load average ${machine.loadAverageAtStart} at the start; ` +
      `Node ${machine.node}; PostgreSQL ${machine.postgres} (fsync ${durability.fsync}, synchronous_commit ${durability.synchronousCommit}, full_page_writes ${durability.fullPageWrites}); commit ${machine.commit}.`,
    `Runs of ${report.durations.loadSeconds} s after ${report.durations.warmupSeconds} s of warm-up; TPC-B for ${report.durations.tpcbSeconds} s.`,
    '',
    markdownTable(report.rows),
    '',
  ].join('\n');
}

/** Writes latest.json and latest.md under bench/results/, and a copy of each named by the start time and mode. */
export function writeReport(report: BenchReport): string[] {
  mkdirSync(resultsDir, { recursive: true });
  const stamp = `${report.startedAt.replace(/[:]/g, '-').replace(/\.\d+Z$/, 'Z')}-${report.mode}`;
  const written: string[] = [];
  for (const [extension, text] of [
    ['json', `${JSON.stringify(report, null, 2)}\n`],
    ['md', reportMarkdown(report)],
  ] as const) {
    const latest = join(resultsDir, `latest.${extension}`);
    writeFileSync(latest, text);
    copyFileSync(latest, join(resultsDir, `${stamp}.${extension}`));
    written.push(latest, join(resultsDir, `${stamp}.${extension}`));
  }
  return written;
}
