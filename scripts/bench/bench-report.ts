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

/**
 * Writes a copy named by the start time and mode under bench/results/, and, for a run of every section,
 * latest.json and latest.md (a partial run with --only leaves the latest full table alone).
 */
export function writeReport(report: BenchReport, complete: boolean): string[] {
  mkdirSync(resultsDir, { recursive: true });
  const stamp = `${report.startedAt.replace(/[:]/g, '-').replace(/\.\d+Z$/, 'Z')}-${report.mode}${complete ? '' : '-partial'}`;
  const written: string[] = [];
  for (const [extension, text] of [
    ['json', `${JSON.stringify(report, null, 2)}\n`],
    ['md', reportMarkdown(report)],
  ] as const) {
    const copy = join(resultsDir, `${stamp}.${extension}`);
    writeFileSync(copy, text);
    written.push(copy);
    if (complete) {
      copyFileSync(copy, join(resultsDir, `latest.${extension}`));
      written.push(join(resultsDir, `latest.${extension}`));
    }
  }
  return written;
}
