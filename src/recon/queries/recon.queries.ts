import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DomainError } from '../../common/errors/domain-error.js';
import type { Page } from '../../ledger/queries/views.js';
import { ReconReader, type JobSelector } from '../infrastructure/recon-reader.js';
import { PreviewSourceHandler } from './preview-source.query.js';
import { ReconSettings } from '../recon-settings.js';
import { presentJob, presentLog, presentSummary } from './recon-presenter.js';
import type { ReconJobDetails, ReconLogView, ReconSummaryView } from './views.js';

export class ReconJobNotFound extends DomainError {
  constructor(selector: JobSelector) {
    const what = selector.jobId ? `job ${selector.jobId}` : `job for ${selector.date}${selector.source ? ` and source ${selector.source}` : ''}`;
    super('RECON_JOB_NOT_FOUND', 'not_found', `No reconciliation ${what}`);
  }
}

/** A job by id, or the latest of (date, source): what status, summary and logs answer for. */
export class GetReconJobQuery extends Query<ReconJobDetails> {
  constructor(readonly selector: JobSelector) {
    super();
  }
}

export class ListReconJobsQuery extends Query<ReconJobDetails[]> {
  constructor(
    readonly date: string | undefined,
    readonly source: string | undefined,
    readonly limit: number,
    /** Jobs whose period overlaps from .. to (either may be absent). */
    readonly period: { from?: string; to?: string } = {},
  ) {
    super();
  }
}

export class GetReconSummaryQuery extends Query<ReconSummaryView> {
  constructor(readonly selector: JobSelector) {
    super();
  }
}

export class ListReconLogsQuery extends Query<Page<ReconLogView>> {
  constructor(
    readonly selector: JobSelector,
    readonly matched: boolean | undefined,
    readonly limit: number,
    readonly cursor?: string,
  ) {
    super();
  }
}

@QueryHandler(GetReconJobQuery)
export class GetReconJobHandler implements IQueryHandler<GetReconJobQuery> {
  constructor(
    private readonly reader: ReconReader,
    private readonly settings: ReconSettings,
  ) {}

  async execute(query: GetReconJobQuery): Promise<ReconJobDetails> {
    const job = await requireJob(this.reader, query.selector);
    return { ...presentJob(job, this.settings), findings: await this.reader.findings(job.job_id) };
  }
}

@QueryHandler(ListReconJobsQuery)
export class ListReconJobsHandler implements IQueryHandler<ListReconJobsQuery> {
  constructor(
    private readonly reader: ReconReader,
    private readonly settings: ReconSettings,
  ) {}

  async execute(query: ListReconJobsQuery): Promise<ReconJobDetails[]> {
    return (await this.reader.jobs(query.date, query.source, query.limit, query.period)).map((job) => presentJob(job, this.settings));
  }
}

@QueryHandler(GetReconSummaryQuery)
export class GetReconSummaryHandler implements IQueryHandler<GetReconSummaryQuery> {
  constructor(private readonly reader: ReconReader) {}

  async execute(query: GetReconSummaryQuery): Promise<ReconSummaryView> {
    const job = await requireJob(this.reader, query.selector);
    const summary = await this.reader.summary(job);
    if (!summary) throw new DomainError('RECON_SUMMARY_NOT_READY', 'not_found', `Job ${job.job_id} is ${job.status}${job.error ? `: ${job.error}` : ''}; it has no summary`);
    return { ...presentSummary(summary), findings: await this.reader.findings(job.job_id) };
  }
}

@QueryHandler(ListReconLogsQuery)
export class ListReconLogsHandler implements IQueryHandler<ListReconLogsQuery> {
  constructor(private readonly reader: ReconReader) {}

  async execute(query: ListReconLogsQuery): Promise<Page<ReconLogView>> {
    const job = await requireJob(this.reader, query.selector);
    const page = await this.reader.logs(job.job_id, query.matched, query.limit, query.cursor);
    return { ...page, data: page.data.map(presentLog) };
  }
}

async function requireJob(reader: ReconReader, selector: JobSelector): Promise<ReconJobDetails> {
  const job = await reader.selectJob(selector);
  if (!job) throw new ReconJobNotFound(selector);
  return job;
}

export const reconQueryHandlers = [GetReconJobHandler, ListReconJobsHandler, GetReconSummaryHandler, ListReconLogsHandler, PreviewSourceHandler];
