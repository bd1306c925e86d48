import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ReconJobRequest, ReconJobStatus, ReconSummary } from '../domain/recon-job.js';
import { storableText } from '../../common/storable-text.js';
import { appendOutboxFacts } from '../../webhooks/infrastructure/outbox-writer.js';
import { countsOf, type ReconFact } from '../domain/recon-facts.js';

/** A connection inside a transaction: a pg client or a TypeORM EntityManager. */
export interface Queryable {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

/** Any constant works, the same in every replica. ('recon' in ASCII.) */
const scheduleLockKey = 0x7265636f6e;

/** Writes jobs, their immutable logs and their summary. */
@Injectable()
export class ReconJobRepository {
  constructor(private readonly dataSource: DataSource) {}

  async create(job: ReconJobRequest): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO recon_jobs (id, source, business_date, period_from, period_to, account_id, trigger, parameters, status, correlation_id)
       VALUES ($1, $2, $3, $3, $8, $4, $5, $6, 'pending', $7)`,
      [job.jobId, job.source, job.businessDate, job.accountId, job.trigger, JSON.stringify(parametersJson(job)), job.correlationId, job.periodTo],
    );
  }

  /**
   * The schedule's once-only insert. A transaction-level advisory lock serialises the replicas whose cron
   * fired together, and the unique index on scheduled (source, date) turns every later attempt into a
   * no-op. Returns undefined when this call created the job, else the job that was already there.
   */
  async createScheduledOnce(job: ReconJobRequest): Promise<{ job_id: string; status: ReconJobStatus } | undefined> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [scheduleLockKey]);
      const created: unknown[] = await manager.query(
        `INSERT INTO recon_jobs (id, source, business_date, period_from, period_to, account_id, trigger, parameters, status) VALUES ($1, $2, $3, $3, $3, $4, 'schedule', $5, 'pending')
         ON CONFLICT (source, business_date) WHERE trigger = 'schedule' DO NOTHING RETURNING id`,
        [job.jobId, job.source, job.businessDate, job.accountId, JSON.stringify(parametersJson(job))],
      );
      if (created.length === 1) return undefined;
      const [existing]: { job_id: string; status: ReconJobStatus }[] = await manager.query(
        `SELECT id AS job_id, status FROM recon_jobs WHERE trigger = 'schedule' AND source = $1 AND business_date = $2`,
        [job.source, job.businessDate],
      );
      return existing;
    });
  }

  async markRunning(jobId: string, runnerId: string): Promise<void> {
    await this.dataSource.query(`UPDATE recon_jobs SET status = 'running', started_at = clock_timestamp(), runner_id = $2 WHERE id = $1 AND status = 'pending'`, [jobId, runnerId]);
  }

  /**
   * Jobs of `source` still pending or running although the caller holds the source's lease: their process
   * died (a live runner would hold the lease), so they will never finish on their own.
   */
  async abandonedJobs(source: string): Promise<Pick<ReconJobRequest, 'jobId' | 'source' | 'businessDate' | 'trigger' | 'correlationId'>[]> {
    const rows: { id: string; source: string; date: string; trigger: ReconJobRequest['trigger']; correlation_id: string | null }[] = await this.dataSource.query(
      `SELECT id, source, to_char(business_date, 'YYYY-MM-DD') AS date, trigger, correlation_id FROM recon_jobs
       WHERE source = $1 AND status IN ('pending', 'running') ORDER BY created_at`,
      [source],
    );
    return rows.map((row) => ({ jobId: row.id, source: row.source, businessDate: row.date, trigger: row.trigger, correlationId: row.correlation_id }));
  }

  /** Sources with a job pending or running, for the check at start. */
  async sourcesWithUnfinishedJobs(): Promise<string[]> {
    const rows: { source: string }[] = await this.dataSource.query(`SELECT DISTINCT source FROM recon_jobs WHERE status IN ('pending', 'running')`);
    return rows.map((row) => row.source);
  }

  /**
   * The summary, the job's final state and its webhook facts, inside the caller's transaction `tx` (the one that
   * also claims the job's matches): a completed job always has its summary and claims, and a fact is delivered
   * exactly when the outcome it reports committed.
   */
  async complete(tx: Queryable, jobId: string, summary: ReconSummary, facts: readonly ReconFact[]): Promise<void> {
    await tx.query(
      `INSERT INTO recon_summary (job_id, external_total, internal_total, rejected_rows, matched_exact, matched_fuzzy, unmatched_external, unmatched_internal, match_rate, amounts,
                                  matched_groups, matched_group_external, matched_group_internal)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
      [jobId, summary.externalTotal, summary.internalTotal, summary.rejectedRows, summary.matchedExact, summary.matchedFuzzy, summary.unmatchedExternal, summary.unmatchedInternal, summary.matchRate, JSON.stringify(summary.amounts),
       summary.matchedGroups, summary.matchedGroupExternal, summary.matchedGroupInternal],
    );
    await tx.query(`UPDATE recon_jobs SET status = 'completed', finished_at = clock_timestamp(), counts = $2 WHERE id = $1`, [jobId, JSON.stringify(countsOf(summary))]);
    await appendOutboxFacts(tx, facts);
  }

  /** The failed state and its webhook fact in one transaction. */
  async fail(jobId: string, error: string, facts: readonly ReconFact[]): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query(`UPDATE recon_jobs SET status = 'failed', finished_at = clock_timestamp(), error = $2 WHERE id = $1`, [jobId, storableText(error.slice(0, 2_000))]);
      await appendOutboxFacts(manager, facts);
    });
  }
}

function parametersJson(job: ReconJobRequest) {
  return {
    fuzzy_threshold: job.params.fuzzyThreshold,
    allowed_amount_diff: job.params.allowedAmountDiff.toFixed(),
    max_time_diff_minutes: job.params.maxTimeDiffMinutes,
    file_path: job.filePath,
  };
}
