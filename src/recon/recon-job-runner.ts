import { Inject, Injectable, Logger } from '@nestjs/common';
import { EventBus } from '@nestjs/cqrs';
import { Clock } from '../common/clock.js';
import { DomainError } from '../common/errors/domain-error.js';
import { describeForLog } from '../common/http/error-log.js';
import type { Matcher } from './domain/matcher.js';
import { runMatchers } from './domain/matching-engine.js';
import { matchedRow, rejectedRow, summarize, unmatchedRow, type ReconJobRequest, type ReconLogRow } from './domain/recon-job.js';
import { completedFacts, failedFacts } from './domain/recon-facts.js';
import type { ReconRecord } from './domain/recon-record.js';
import type { ReconSource, SourceItem } from './domain/recon-source.js';
import { StatementBalanceCheck } from './domain/statement-balance-check.js';
import { StatementHistory } from './infrastructure/statement-history.js';
import { ReconJobCompleted, ReconJobFailed } from './events/recon-job-finished.event.js';
import { ReconJobRepository } from './infrastructure/recon-job-repository.js';
import { LedgerSource } from './infrastructure/sources/ledger-source.js';
import { RECON_MATCHERS } from './infrastructure/sources/recon-source-factory.js';
import { ReconSettings } from './recon-settings.js';

/** Called as input records are read, so a terminal can show progress on large files. */
export type ReconProgress = (recordsRead: number) => void;

/**
 * Runs one job: load (external source, then the ledger) -> match -> log -> finalize. Any failure marks
 * the job failed with its message; logs already written stay (they are immutable) and say how far it got.
 */
@Injectable()
export class ReconJobRunner {
  private readonly logger = new Logger('Recon');

  constructor(
    private readonly repository: ReconJobRepository,
    private readonly settings: ReconSettings,
    private readonly ledger: LedgerSource,
    private readonly eventBus: EventBus,
    private readonly clock: Clock,
    private readonly history: StatementHistory,
    @Inject(RECON_MATCHERS) private readonly matchers: Matcher[],
  ) {}

  async run(job: ReconJobRequest, onProgress?: ReconProgress): Promise<'completed' | 'failed'> {
    await this.repository.markRunning(job.jobId);
    try {
      const request = {
        businessDate: job.businessDate,
        filePath: job.filePath ?? undefined,
        accountId: job.accountId ?? undefined,
        windowMinutes: job.params.maxTimeDiffMinutes,
        timeZone: this.settings.businessTimeZone,
      };
      const balances = new StatementBalanceCheck();
      const external = await this.load(job.jobId, this.settings.source(job.source).source, request, onProgress, (item) => balances.observe(item));
      const internal = await this.load(job.jobId, this.ledger, request);
      const statements = await this.checkStatements(job.source, balances);
      const result = runMatchers(this.matchers, external.records, internal.records, job.params, this.settings.supportedCurrencies);
      await this.repository.appendLogs(job.jobId, logRows(result));
      const summary = summarize(result, external.records, internal.records, external.rejected);
      await this.repository.complete(job.jobId, summary, completedFacts(job, summary, this.settings.unmatchedAlertThreshold), (manager) =>
        this.history.record(manager, job.jobId, job.source, statements.statements, statements.findings),
      );
      this.eventBus.publish(new ReconJobCompleted(job.jobId, job.source, job.businessDate, summary, this.clock.now()));
      return 'completed';
    } catch (error) {
      // Only our own refusals are shown as they are: any other message may quote file or database text.
      const message = error instanceof DomainError ? error.message : 'internal error (see the server log)';
      if (!(error instanceof DomainError)) this.logger.error(describeForLog(error));
      await this.repository.fail(job.jobId, message, failedFacts(job, message));
      this.eventBus.publish(new ReconJobFailed(job.jobId, job.source, job.businessDate, message, this.clock.now()));
      return 'failed';
    }
  }

  /** Statement files' own balances: each statement checked, and compared with the one before it on record. */
  private async checkStatements(source: string, balances: StatementBalanceCheck) {
    const previous = await this.history.previous(source, balances.checked());
    return balances.finish((statement) => previous.get(statement.key));
  }

  /** Reads one side; rejected rows go to the log in batches as they are found. */
  private async load(jobId: string, source: ReconSource, request: Parameters<ReconSource['read']>[0], onProgress?: ReconProgress, observe?: (item: SourceItem) => void) {
    const records: ReconRecord[] = [];
    let rejectedRows: ReconLogRow[] = [];
    let rejected = 0;
    for await (const item of source.read(request)) {
      observe?.(item);
      if (item.kind === 'record') records.push(item.record);
      else if (item.kind === 'rejected') rejectedRows.push(rejectedRow(item.line, item.reason));
      if (rejectedRows.length >= 1_000) {
        rejected += await this.repository.appendLogs(jobId, rejectedRows);
        rejectedRows = [];
      }
      if (onProgress && (records.length + rejectedRows.length) % 10_000 === 0) onProgress(records.length + rejected + rejectedRows.length);
    }
    rejected += await this.repository.appendLogs(jobId, rejectedRows);
    onProgress?.(records.length + rejected);
    return { records, rejected };
  }
}

function* logRows(result: ReturnType<typeof runMatchers>): Generator<ReconLogRow> {
  for (const match of result.matches) yield matchedRow(match);
  for (const entry of result.unmatchedExternal) yield unmatchedRow(entry);
  for (const entry of result.unmatchedInternal) yield unmatchedRow(entry);
}
