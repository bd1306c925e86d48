import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';
import { DataSource } from 'typeorm';
import { Clock } from '../../common/clock.js';
import { RunReconCommand } from '../commands/run-recon/run-recon.command.js';
import { ReconSettings } from '../recon-settings.js';

/** Any constant works, the same in every replica. */
const scheduleLockKey = 0x7265636f6e; // 'recon'

/**
 * With RECON_SCHEDULE_ENABLED, reconciles the previous business date of every source configured with
 * `"schedule": true`, daily at RECON_SCHEDULE_HOUR in RECON_SCHEDULE_TIMEZONE. Every replica's cron fires;
 * a transaction-level advisory lock lets one through at a time, and the unique (source, date) index on
 * scheduled jobs makes the later ones find the job already there, so each (source, date) runs once.
 */
@Injectable()
export class ReconScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger('ReconScheduler');

  constructor(
    private readonly settings: ReconSettings,
    private readonly registry: SchedulerRegistry,
    private readonly commandBus: CommandBus,
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    const { enabled, hour, timeZone } = this.settings.schedule;
    if (!enabled) return;
    const job = CronJob.from({ cronTime: `0 0 ${hour} * * *`, timeZone, onTick: () => void this.runDue().catch((error) => this.logger.error(error)) });
    this.registry.addCronJob('daily-reconciliation', job);
    job.start();
    this.logger.log(`Daily reconciliation at ${hour}:00 ${timeZone} for: ${this.settings.scheduledSources().map((s) => s.config.name).join(', ') || 'no sources'}`);
  }

  /** Runs the previous business date for each scheduled source; returns the jobs this replica ran. */
  async runDue(now: Date = this.clock.now()): Promise<string[]> {
    const businessDate = new Date(now.getTime() - 86_400_000).toISOString().slice(0, 10);
    const ran: string[] = [];
    for (const { config } of this.settings.scheduledSources()) {
      const claimed = await this.dataSource.transaction(async (manager) => {
        const [{ locked }]: { locked: boolean }[] = await manager.query('SELECT pg_try_advisory_xact_lock($1) AS locked', [scheduleLockKey]);
        if (!locked) return false;
        const [existing] = await manager.query(`SELECT 1 FROM recon_jobs WHERE trigger = 'schedule' AND source = $1 AND business_date = $2`, [config.name, businessDate]);
        return existing === undefined;
      });
      if (!claimed) continue;
      const job = await this.commandBus.execute(new RunReconCommand(config.name, businessDate, 'schedule', { wait: true }));
      ran.push(job.job_id);
    }
    return ran;
  }
}
