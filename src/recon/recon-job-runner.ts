import { Injectable, Logger } from '@nestjs/common';
import { EventBus } from '@nestjs/cqrs';
import type pg from 'pg';
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { Clock } from '../common/clock.js';
import { DomainError } from '../common/errors/domain-error.js';
import { describeForLog } from '../common/http/error-log.js';
import { completedFacts, failedFacts } from './domain/recon-facts.js';
import type { ReconJobRequest } from './domain/recon-job.js';
import { maxDateLagDaysOf } from './domain/pair-dating.js';
import { defaultMatchRules } from './domain/rules/default-match-rules.js';
import { joinableExactRule } from './domain/rules/joinable-exact-rule.js';
import { businessDateOf, isWithinPeriod } from './domain/record-period.js';
import { businessWindow, type SourceItem } from './domain/recon-source.js';
import { StatementBalanceCheck } from './domain/statement-balance-check.js';
import { StatementHistory } from './infrastructure/statement-history.js';
import { ReconJobCompleted, ReconJobFailed } from './events/recon-job-finished.event.js';
import { claimMatches, logClaimedElsewhere, markClaimedElsewhere, type ClaimingJob } from './infrastructure/engine/claims.js';
import { stageExternal } from './infrastructure/engine/external-staging.js';
import { settleGroups } from './infrastructure/engine/group-claims.js';
import { findMatchGroups } from './infrastructure/engine/group-search.js';
import { groupsOff } from './domain/groups/group-settings.js';
import { LogCopy } from './infrastructure/engine/log-copy.js';
import { PhaseTimer } from './infrastructure/engine/phase-timer.js';
import { assignCandidates, findExactCandidates, findRuleCandidates, logMatches, logOutOfPeriodTransfers, stageLedger, type BusinessPeriod, type MatchScope } from './infrastructure/engine/set-matching.js';
import { analyzeStagedSides } from './infrastructure/engine/staging-statistics.js';
import { dropStaging, summarizeJob } from './infrastructure/engine/summary-sql.js';
import { logUnmatched, logUnsupported } from './infrastructure/engine/unmatched-logging.js';
import { ReconJobRepository } from './infrastructure/recon-job-repository.js';
import { ReconSettings } from './recon-settings.js';

/** This process, as recorded on the jobs it runs: host, pid and a per-start id (pids are reused). */
const runnerId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

/** Called as input records are read, so a terminal can show progress on large files. */
export type ReconProgress = (recordsRead: number) => void;

export interface ReconRunHooks {
  readonly onProgress?: ReconProgress;
}

/**
 * Runs one job set-based in PostgreSQL, so memory stays flat however large the file: stream the source
 * into staging with COPY -> copy the ledger's window through its read-only view -> exact matches by one
 * join (the source's first rule, when it is the usual exact one) -> candidates by blocking, judged by the
 * source's ordered rules in batches through a cursor -> one-to-one assignment in SQL -> match groups among the
 * leftovers when the source enables them (findMatchGroups) -> logs (matched by the database, unmatched with their reasons through COPY) -> summary in SQL ->
 * finalize. Any failure marks the job failed with its message. Staging rows go when the job ends.
 */
@Injectable()
export class ReconJobRunner {
  private readonly logger = new Logger('Recon');

  constructor(
    private readonly repository: ReconJobRepository,
    private readonly settings: ReconSettings,
    private readonly eventBus: EventBus,
    private readonly clock: Clock,
    private readonly history: StatementHistory,
  ) {}

  /** Runs on `client`, the connection holding the source's lease (SourceLease), which the caller releases. */
  async run(job: ReconJobRequest, client: pg.PoolClient, hooks: ReconRunHooks = {}): Promise<'completed' | 'failed'> {
    try {
      await this.repository.markRunning(job.jobId, runnerId);
      try {
        await this.match(client, job, hooks);
        return 'completed';
      } finally {
        await dropStaging(client, job.jobId).catch((error: unknown) => this.logger.error(describeForLog(error)));
      }
    } catch (error) {
      await this.fail(job, error);
      return 'failed';
    }
  }

  /** Statement files' own balances: each statement checked, and compared with the one before it on record. */
  private async checkStatements(source: string, balances: StatementBalanceCheck) {
    const previous = await this.history.previous(source, balances.checked());
    return balances.finish((statement) => previous.get(statement.key));
  }

  private async match(client: pg.PoolClient, job: ReconJobRequest, hooks: ReconRunHooks): Promise<void> {
    const period: BusinessPeriod = { from: job.businessDate, to: job.periodTo, timeZone: this.settings.businessTimeZone };
    const request = {
      businessDate: job.businessDate,
      lastDate: job.periodTo,
      filePath: job.filePath ?? undefined,
      accountId: job.accountId ?? undefined,
      windowMinutes: job.params.maxTimeDiffMinutes,
      timeZone: this.settings.businessTimeZone,
    };
    const configured = this.settings.source(job.source);
    const dating = { timeZone: period.timeZone, maxDateLagDays: maxDateLagDaysOf(configured.config.rules) };
    const rules = configured.config.rules ?? defaultMatchRules(job.params);
    const scope: MatchScope = { jobId: job.jobId, params: job.params, currencies: [...this.settings.supportedCurrencies], dating, rules, accountScoped: job.accountId !== null };
    const joinable = joinableExactRule(rules);
    const logs = new LogCopy(client, job.jobId);
    const source = configured.source;
    const timer = new PhaseTimer();
    const balances = new StatementBalanceCheck();
    const staged = await timer.time('stage', () =>
      stageExternal(client, job.jobId, observed(source.read(request), balances), logs, {
        ...period,
        outsideDate: (record) => {
          const date = businessDateOf(record, period.timeZone);
          return isWithinPeriod(date, period) ? undefined : date;
        },
      }, hooks),
    );
    const statements = await this.checkStatements(job.source, balances);
    await timer.time('ledger', () => stageLedger(client, job.jobId, businessWindow(request), period, job.accountId, dating));
    await timer.time('analyze', () => analyzeStagedSides(client));
    const claiming: ClaimingJob = { jobId: job.jobId, source: job.source, accountId: job.accountId, periodFrom: period.from, periodTo: period.to };
    await timer.time('claimed', () => markClaimedElsewhere(client, claiming));
    if (joinable !== undefined) {
      await timer.time('exact', async () => {
        await findExactCandidates(client, scope, joinable);
        await assignCandidates(client, job.jobId);
      });
    }
    await timer.time('rules', async () => {
      await inTransaction(client, () => findRuleCandidates(client, scope));
      await assignCandidates(client, job.jobId);
    });
    const groups = configured.config.groups ?? groupsOff;
    if (groups.enabled) await timer.time('groups', () => inTransaction(client, () => findMatchGroups(client, scope, groups)));
    // Claims, logs, summary and the completed state commit together: a job's matches are claimed exactly when
    // it completes, and what its logs say matched is what it claimed.
    const summary = await inTransaction(client, async () => {
      await timer.time('claim', () => claimMatches(client, claiming));
      await timer.time('groups settled', () => settleGroups(client, claiming, groups.name));
      await timer.time('log matched', async () => {
        await logMatches(client, job.jobId);
        await logOutOfPeriodTransfers(client, job.jobId, period);
        await logClaimedElsewhere(client, job.jobId);
      });
      await timer.time('log unmatched', async () => {
        for (const side of ['external', 'internal'] as const) {
          await logUnmatched(client, scope, side, logs);
          await logUnsupported(client, scope, side, logs, this.settings.supportedCurrencies);
        }
        await logs.flush();
      });
      await this.history.record(client, job.jobId, job.source, statements.statements, statements.findings);
      return timer.time('summary', async () => {
        const counted = await summarizeJob(client, job.jobId, staged.rejected);
        await this.repository.complete(client, job.jobId, counted, completedFacts(job, counted, this.settings.unmatchedAlertThreshold));
        return counted;
      });
    });
    this.logger.log(`job ${job.jobId} (${job.source}, ${period.from} .. ${period.to}, ${staged.records} records) completed in ${timer.describe()}`);
    this.eventBus.publish(new ReconJobCompleted(job.jobId, job.source, job.businessDate, summary, this.clock.now()));
  }

  private async fail(job: ReconJobRequest, error: unknown): Promise<void> {
    // Only our own refusals are shown as they are: any other message may quote file or database text.
    const message = error instanceof DomainError ? error.message : 'internal error (see the server log)';
    if (!(error instanceof DomainError)) this.logger.error(describeForLog(error));
    await this.repository.fail(job.jobId, message, failedFacts(job, message));
    this.eventBus.publish(new ReconJobFailed(job.jobId, job.source, job.businessDate, message, this.clock.now()));
  }
}

/** Cursors live in a transaction. */
async function inTransaction<T>(client: pg.PoolClient, work: () => Promise<T>): Promise<T> {
  await client.query('BEGIN');
  try {
    const result = await work();
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/** Every item on its way to staging is also seen by the statement balance check, which keeps only running sums. */
async function* observed(items: AsyncIterable<SourceItem>, balances: StatementBalanceCheck): AsyncGenerator<SourceItem> {
  for await (const item of items) {
    balances.observe(item);
    yield item;
  }
}
