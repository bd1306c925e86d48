import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { describeForLog } from '../common/http/error-log.js';
import { PERIODIC_JOBS, type PeriodicJob } from './periodic-job.js';
import { ScheduledRuns, thisProcess } from './scheduled-runs.js';

/** A due job is noticed within this many seconds (or its interval, when shorter). */
const checkSecondsMax = 60;

/**
 * In every server replica: checks each periodic job (retention, verify) and runs it when this replica wins its
 * claim (ScheduledRuns), so each runs once per interval across the replicas. The first check is at start: a job
 * that never ran, or is overdue, runs then.
 */
@Injectable()
export class PeriodicJobRunner implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Scheduled');
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly running = new Set<Promise<void>>();
  private stopping = false;

  constructor(
    private readonly runs: ScheduledRuns,
    @Inject(PERIODIC_JOBS) private readonly jobs: PeriodicJob[],
  ) {}

  onApplicationBootstrap(): void {
    for (const job of this.jobs.filter((candidate) => candidate.intervalSeconds > 0)) {
      const check = () => {
        if (this.stopping) return;
        const run = this.check(job).finally(() => this.running.delete(run));
        this.running.add(run);
      };
      check();
      this.timers.push(setInterval(check, Math.min(job.intervalSeconds, checkSecondsMax) * 1000));
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    for (const timer of this.timers) clearInterval(timer);
    await Promise.allSettled([...this.running]);
  }

  private async check(job: PeriodicJob): Promise<void> {
    try {
      if (!(await this.runs.claim(job.name, job.intervalSeconds, thisProcess))) return;
      this.logger.log(`${job.name}: this replica (${thisProcess}) runs it`);
      let outcome: { ok: boolean; result: Record<string, unknown> };
      try {
        outcome = await job.run();
      } catch (error) {
        this.logger.error(`${job.name} failed: ${describeForLog(error)}`);
        outcome = { ok: false, result: { error: describeForLog(error).split('\n')[0].slice(0, 500) } };
      }
      await this.runs.finish(job.name, thisProcess, outcome.ok, outcome.result);
    } catch (error) {
      // The database is unreachable, say: the next check tries again.
      this.logger.warn(`${job.name}: not checked (${describeForLog(error).split('\n')[0]})`);
    }
  }
}
