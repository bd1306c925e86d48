import { Injectable } from '@nestjs/common';
import type { PeriodicJob } from '../periodic-job.js';
import { RetentionSettings } from './retention-settings.js';
import { RetentionSweeper } from './retention-sweeper.js';

/** The sweep as a periodic job, every RETENTION_SWEEP_INTERVAL_SECONDS, by one replica. */
@Injectable()
export class ScheduledRetention implements PeriodicJob {
  readonly name = 'retention';
  readonly intervalSeconds: number;

  constructor(
    private readonly sweeper: RetentionSweeper,
    settings: RetentionSettings,
  ) {
    this.intervalSeconds = settings.sweepIntervalSeconds;
  }

  async run(): Promise<{ ok: boolean; result: Record<string, unknown> }> {
    return { ok: true, result: { ...(await this.sweeper.sweep()) } };
  }
}
