import { Command } from '@nestjs/cqrs';
import type { ReconTrigger } from '../../domain/recon-job.js';
import type { MatchParameters } from '../../domain/recon-record.js';
import type { ReconProgress } from '../../recon-job-runner.js';

export interface ReconJobView {
  job_id: string;
  status: 'pending' | 'running' | 'completed' | 'failed';
  /** False only for the schedule, when another replica had already created the job of (source, date). */
  created?: boolean;
}

/**
 * Starts a reconciliation job for `source` over `businessDate` .. `options.periodTo`. With `wait` the result is the finished job
 * (the CLI); without it the job runs in the background and the result is the pending job (the API).
 */
export class RunReconCommand extends Command<ReconJobView> {
  constructor(
    readonly source: string,
    readonly businessDate: string,
    readonly trigger: ReconTrigger,
    readonly options: {
      accountId?: string;
      /** The last business date of the period (inclusive); the period is businessDate alone when absent. */
      periodTo?: string;
      /** Already checked by the caller (the API only allows RECON_INBOX_DIR). */
      filePath?: string;
      params?: Partial<MatchParameters>;
      wait?: boolean;
      /** The request id of the HTTP request, stored with the job. */
      correlationId?: string;
      onProgress?: ReconProgress;
    } = {},
  ) {
    super();
  }
}
