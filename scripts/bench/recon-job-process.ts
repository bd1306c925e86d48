import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

/** One `tally run-recon` child: wall time from spawn to exit (file to printed summary), its peak RSS, its output. */
export interface JobRun {
  seconds: number;
  exitCode: number | null;
  peakRssMebibytes: number | undefined;
  peakRssMethod: string;
  stdout: string;
  stderr: string;
  /** Set when the job was stopped at the bench's time limit: what the database was doing at that moment. */
  timedOut?: { afterSeconds: number; activity: string };
}

const gnuTime = '/usr/bin/time';
const pollMs = 20;

/**
 * Runs the compiled CLI in its own process, as an operator would. Peak RSS comes from GNU time's "Maximum
 * resident set size" (the kernel's own peak, read at exit) when /usr/bin/time exists, else from polling the
 * child's VmHWM, which can miss growth in the last poll interval.
 */
export async function runJobProcess(args: string[], env: NodeJS.ProcessEnv, limitSeconds: number, activity: () => Promise<string>): Promise<JobRun> {
  const withTime = existsSync(gnuTime);
  const command = withTime ? gnuTime : process.execPath;
  const argv = withTime ? ['-v', process.execPath, 'dist/src/cli.js', ...args] : ['dist/src/cli.js', ...args];
  const startedAt = performance.now();
  // Its own process group, so a job past the limit is stopped with GNU time's child, and only those two.
  const child = spawn(command, argv, { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  let polledKib = 0;
  const poller = withTime ? undefined : setInterval(() => (polledKib = Math.max(polledKib, vmHwmKib(child.pid))), pollMs);
  let stopped: Promise<string> | undefined;
  const limit = setTimeout(() => {
    process.kill(-child.pid!, 'SIGKILL');
    stopped = activity().catch((error: unknown) => String(error));
  }, limitSeconds * 1000);
  const exitCode = await new Promise<number | null>((done) => child.once('close', (code) => done(code)));
  const seconds = (performance.now() - startedAt) / 1000;
  clearTimeout(limit);
  const timedOut = stopped && { afterSeconds: limitSeconds, activity: await stopped };
  clearInterval(poller);
  const timedKib = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(stderr)?.[1] ?? 0);
  const kib = withTime ? timedKib : polledKib;
  return {
    seconds,
    exitCode,
    peakRssMebibytes: kib > 0 ? kib / 1024 : undefined,
    peakRssMethod: withTime ? '/usr/bin/time -v (Maximum resident set size)' : `/proc/<pid>/status VmHWM polled every ${pollMs} ms`,
    stdout,
    stderr,
    ...(timedOut && { timedOut }),
  };
}

function vmHwmKib(pid: number | undefined): number {
  try {
    return Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/** The runner's "completed in 1234 ms (stage 800, ledger 120, ...)" log line, as phase -> ms. */
export function jobPhases(output: string): { totalMs: number; phasesMs: Record<string, number> } | undefined {
  const line = /completed in (\d+) ms \(([^)]*)\)/.exec(output);
  if (!line) return undefined;
  const phasesMs = Object.fromEntries(line[2].split(', ').map((part) => {
    const at = part.lastIndexOf(' ');
    return [part.slice(0, at), Number(part.slice(at + 1))];
  }));
  return { totalMs: Number(line[1]), phasesMs };
}

/** The summary table run-recon prints, as metric -> value. */
export function printedSummary(stdout: string): Record<string, string> {
  const summary: Record<string, string> = {};
  for (const metric of ['external_total', 'internal_total', 'rejected_rows', 'matched_exact', 'matched_fuzzy', 'unmatched_external', 'unmatched_internal', 'match_rate']) {
    const value = new RegExp(`\\b${metric}\\b\\s*[|│]?\\s*([^\\s|│]+)`).exec(stdout)?.[1];
    if (value !== undefined) summary[metric] = value;
  }
  return summary;
}
