import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { DomainError, ValidationFailed } from '../../../common/errors/domain-error.js';
import { periodDaysMax } from '../../domain/limits.js';
import { requireBusinessDate } from '../../domain/business-date.js';
import { validateMatchParameters } from '../../domain/recon-record.js';
import { businessWindow } from '../../domain/recon-source.js';
import type { ReconJobRequest } from '../../domain/recon-job.js';
import { ReconJobRepository } from '../../infrastructure/recon-job-repository.js';
import { SourceLease } from '../../infrastructure/engine/source-lease.js';
import { ReconJobRecovery } from '../../recon-job-recovery.js';
import { ReconJobRunner } from '../../recon-job-runner.js';
import { ReconJobSlots } from '../../recon-job-slots.js';
import { ReconSettings, type ConfiguredSource } from '../../recon-settings.js';
import { assertFileFormat, requireRegularFile } from '../../infrastructure/input-file.js';
import { RunReconCommand, type ReconJobView } from './run-recon.command.js';

/**
 * Validates the request (source, date, parameters, file), records a pending job, and runs it: awaited
 * for the CLI and the schedule, in the background for the API. Background jobs are awaited on shutdown.
 */
@CommandHandler(RunReconCommand)
export class RunReconHandler implements ICommandHandler<RunReconCommand>, BeforeApplicationShutdown {
  private readonly running = new Set<Promise<unknown>>();

  constructor(
    private readonly settings: ReconSettings,
    private readonly repository: ReconJobRepository,
    private readonly runner: ReconJobRunner,
    private readonly slots: ReconJobSlots,
    private readonly recovery: ReconJobRecovery,
    private readonly dataSource: DataSource,
  ) {}

  /**
   * Refused with 409 when this process already runs RECON_JOBS_CONCURRENCY_MAX jobs (RECON_JOBS_BUSY) or a job of
   * the source runs anywhere (RECON_JOB_RUNNING); the schedule waits for the source instead. The job runs on
   * the connection holding the source's lease, released when it ends.
   */
  async execute(command: RunReconCommand): Promise<ReconJobView> {
    const job = this.jobFor(command);
    this.slots.take();
    let lease: SourceLease | undefined;
    try {
      lease = command.trigger === 'schedule' ? await SourceLease.acquire(this.dataSource, job.source, true) : await SourceLease.acquireSoon(this.dataSource, job.source);
      if (lease === undefined) {
        throw new DomainError('RECON_JOB_RUNNING', 'conflict', `source ${job.source}: a job of this source is running; try again when it has finished`);
      }
      await this.recovery.failAbandoned(lease);
      const existing = await this.create(job);
      if (existing) {
        await this.end(lease);
        return { ...existing, created: false };
      }
    } catch (error) {
      await this.end(lease);
      throw error;
    }
    const held = lease;
    const run = this.runner.run(job, held.client, { onProgress: command.options.onProgress }).finally(() => this.end(held));
    if (command.options.wait) return { job_id: job.jobId, status: await run };
    this.track(run);
    return { job_id: job.jobId, status: 'pending' };
  }

  /** The schedule's job is created once per (source, date) across replicas: undefined when this call created it. */
  private async create(job: ReconJobRequest) {
    if (job.trigger === 'schedule') return this.repository.createScheduledOnce(job);
    await this.repository.create(job);
    return undefined;
  }

  private async end(lease: SourceLease | undefined): Promise<void> {
    this.slots.give();
    await lease?.release().catch((error: unknown) => new Logger('Recon').error(error));
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.allSettled([...this.running]);
  }

  private jobFor(command: RunReconCommand): ReconJobRequest {
    requireBusinessDate(command.businessDate, 'date');
    const periodTo = command.options.periodTo ?? command.businessDate;
    requireBusinessDate(periodTo, 'to');
    requirePeriodWithinBounds(command.businessDate, periodTo);
    const configured = this.settings.source(command.source);
    const params = validateMatchParameters({ ...this.settings.defaults, ...command.options.params });
    businessWindow({ businessDate: command.businessDate, lastDate: periodTo, windowMinutes: params.maxTimeDiffMinutes });
    return {
      jobId: randomUUID(),
      source: command.source,
      businessDate: command.businessDate,
      periodTo,
      accountId: command.options.accountId ?? configured.config.accountId,
      filePath: configured.needsFile ? this.readableFile(command, configured) : null,
      params,
      trigger: command.trigger,
      correlationId: command.options.correlationId ?? null,
    };
  }

  /** The file to read, refused at once when its first bytes show a format the source cannot read. */
  private readableFile(command: RunReconCommand, configured: ConfiguredSource): string {
    const path = this.filePathFor(command, configured.config.options.file_pattern);
    if (command.trigger === 'schedule') return path;
    assertFileFormat(configured.source, path);
    return path;
  }

  /** The given file, else the source's file_pattern inside the inbox; it must exist unless the schedule asks. */
  private filePathFor(command: RunReconCommand, pattern: unknown): string {
    const given = command.options.filePath;
    if (!given && typeof pattern !== 'string') {
      throw new DomainError('RECON_FILE_REQUIRED', 'validation', `file_path: source ${command.source} reads a file; give file_path or upload one`, [{ field: 'file_path', message: 'required' }]);
    }
    const path = given ? resolve(given) : resolve(this.settings.inboxDir, String(pattern).replaceAll('{date}', command.businessDate));
    if (command.trigger === 'schedule') return path;
    requireRegularFile(path);
    return path;
  }

  private track(run: Promise<unknown>): void {
    const tracked = run.catch((error: unknown) => new Logger('Recon').error(error)).finally(() => this.running.delete(tracked));
    this.running.add(tracked);
  }
}

/** A period runs forwards and is at most periodDaysMax days long. */
function requirePeriodWithinBounds(from: string, to: string): void {
  const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000 + 1;
  if (days < 1) throw ValidationFailed.field('to', 'must not be before from');
  if (days > periodDaysMax) throw ValidationFailed.field('to', `a job covers at most ${periodDaysMax} days`);
}
