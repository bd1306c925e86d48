import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';
import { Clock } from '../../common/clock.js';
import { RunReconCommand } from '../commands/run-recon/run-recon.command.js';
import { dateIn } from '../domain/business-day.js';
import { ReconSettings } from '../recon-settings.js';
import { describeForLog } from '../../common/http/error-log.js';

const dayMilliseconds = 86_400_000;

/**
 * With RECON_SCHEDULE_ENABLED, reconciles the previous business date of every source configured with
 * `"schedule": true`, daily at RECON_SCHEDULE_HOUR in RECON_SCHEDULE_TIMEZONE. Every replica's cron fires;
 * the job insert (advisory lock plus a unique index, see ReconJobRepository.createScheduledOnce) lets
 * exactly one of them create and run each (source, date).
 */
@Injectable()
export class ReconScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger('ReconScheduler');

  constructor(
    private readonly settings: ReconSettings,
    private readonly registry: SchedulerRegistry,
    private readonly commandBus: CommandBus,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    const { enabled, hour, timeZone } = this.settings.schedule;
    if (!enabled) return;
    const job = CronJob.from({ cronTime: `0 0 ${hour} * * *`, timeZone, onTick: () => void this.runDue().catch((error) => this.logger.error(describeForLog(error))) });
    this.registry.addCronJob('daily-reconciliation', job);
    job.start();
    this.logger.log(`Daily reconciliation at ${hour}:00 ${timeZone} for: ${this.settings.scheduledSources().map((s) => s.config.name).join(', ') || 'no sources'}`);
  }

  /** Runs the previous business date (in RECON_BUSINESS_TIMEZONE) of each scheduled source; returns the jobs this replica ran. */
  async runDue(now: Date = this.clock.now()): Promise<string[]> {
    const today = dateIn(this.settings.businessTimeZone, now.getTime());
    const businessDate = new Date(Date.parse(`${today}T00:00:00Z`) - dayMilliseconds).toISOString().slice(0, 10);
    const ran: string[] = [];
    for (const { config } of this.settings.scheduledSources()) {
      const job = await this.commandBus.execute(new RunReconCommand(config.name, businessDate, 'schedule', { wait: true }));
      if (job.created !== false) ran.push(job.job_id);
    }
    return ran;
  }
}
