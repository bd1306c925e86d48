import { statSync, type Stats } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { DomainError, ValidationFailed } from '../../../common/errors/domain-error.js';
import { periodDaysMax } from '../../domain/limits.js';
import { requireBusinessDate } from '../../domain/business-date.js';
import { validateMatchParameters } from '../../domain/recon-record.js';
import { businessWindow } from '../../domain/recon-source.js';
import type { ReconJobRequest } from '../../domain/recon-job.js';
import { ReconJobRepository } from '../../infrastructure/recon-job-repository.js';
import { ReconJobRunner } from '../../recon-job-runner.js';
import { ReconSettings } from '../../recon-settings.js';
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
  ) {}

  async execute(command: RunReconCommand): Promise<ReconJobView> {
    const job = this.jobFor(command);
    if (command.trigger === 'schedule') {
      const existing = await this.repository.createScheduledOnce(job);
      if (existing) return { ...existing, created: false };
    } else {
      await this.repository.create(job);
    }
    const run = this.runner.run(job, { onProgress: command.options.onProgress });
    if (command.options.wait) return { job_id: job.jobId, status: await run };
    this.track(run);
    return { job_id: job.jobId, status: 'pending' };
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
      filePath: configured.needsFile ? this.filePathFor(command, configured.config.options.file_pattern) : null,
      params,
      trigger: command.trigger,
      correlationId: command.options.correlationId ?? null,
    };
  }

  /** The given file, else the source's file_pattern inside the inbox; it must exist unless the schedule asks. */
  private filePathFor(command: RunReconCommand, pattern: unknown): string {
    const given = command.options.filePath;
    if (!given && typeof pattern !== 'string') {
      throw new DomainError('RECON_FILE_REQUIRED', 'validation', `file_path: source ${command.source} reads a file; give file_path or upload one`, [{ field: 'file_path', message: 'required' }]);
    }
    const path = given ? resolve(given) : resolve(this.settings.inboxDir, String(pattern).replaceAll('{date}', command.businessDate));
    if (command.trigger === 'schedule') return path;
    // A directory, a socket or a device is not a file to reconcile (reading a directory fails with EISDIR).
    const kind = statOrUndefined(path);
    if (!kind) throw new DomainError('RECON_FILE_NOT_FOUND', 'validation', `file_path: no file at ${path}`, [{ field: 'file_path', message: 'no such file' }]);
    if (!kind.isFile()) throw new DomainError('RECON_FILE_NOT_FOUND', 'validation', `file_path: ${path} is not a regular file`, [{ field: 'file_path', message: 'not a regular file' }]);
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

/** Any failure to look (no such file, a name too long, a component that is not a directory) is "no file". */
function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}
