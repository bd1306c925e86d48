import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Page } from '../../ledger/queries/views.js';
import type { ReconFindingView, ReconJobDetails, ReconLogView, ReconSummaryView } from '../queries/views.js';

export interface JobSelector {
  jobId?: string;
  date?: string;
  source?: string;
}

const jobColumns = `id AS job_id, source, to_char(business_date, 'YYYY-MM-DD') AS date,
  to_char(period_from, 'YYYY-MM-DD') AS period_from, to_char(period_to, 'YYYY-MM-DD') AS period_to, account_id, trigger, parameters, status,
  created_at, started_at, finished_at, error, counts, correlation_id, superseded_by`;

/** The recon read side: jobs, summaries and logs, newest job first. */
@Injectable()
export class ReconReader {
  constructor(private readonly dataSource: DataSource) {}

  async job(jobId: string): Promise<ReconJobDetails | undefined> {
    const rows: RawJob[] = await this.dataSource.query(`SELECT ${jobColumns} FROM recon_jobs WHERE id = $1`, [jobId]);
    return rows[0] && toJob(rows[0]);
  }

  /** The job `job_id` names, else the latest job whose period covers date (of source, when given). */
  async selectJob(selector: JobSelector): Promise<ReconJobDetails | undefined> {
    if (selector.jobId) return this.job(selector.jobId);
    const [latest] = await this.jobs(selector.date, selector.source, 1);
    return latest;
  }

  /** Jobs whose period covers `date` and overlaps `period`, newest first. */
  async jobs(date: string | undefined, source: string | undefined, limit: number, period: { from?: string; to?: string } = {}): Promise<ReconJobDetails[]> {
    const rows: RawJob[] = await this.dataSource.query(
      `SELECT ${jobColumns} FROM recon_jobs
       WHERE ($1::date IS NULL OR $1 BETWEEN period_from AND period_to) AND ($2::text IS NULL OR source = $2)
         AND ($4::date IS NULL OR period_to >= $4) AND ($5::date IS NULL OR period_from <= $5)
       ORDER BY created_at DESC, id DESC LIMIT $3`,
      [date ?? null, source ?? null, limit, period.from ?? null, period.to ?? null],
    );
    return rows.map(toJob);
  }

  async summary(job: ReconJobDetails): Promise<ReconSummaryView | undefined> {
    const rows: (Omit<ReconSummaryView, 'match_rate' | 'job_id' | 'date' | 'source'> & { match_rate: string })[] = await this.dataSource.query(
      `SELECT external_total, internal_total, rejected_rows, matched_exact, matched_fuzzy, matched_groups, matched_group_external, matched_group_internal,
              unmatched_external, unmatched_internal, match_rate::text AS match_rate, amounts FROM recon_summary WHERE job_id = $1`,
      [job.job_id],
    );
    const row = rows[0];
    return row && { job_id: job.job_id, date: job.date, source: job.source, ...row, match_rate: Number(row.match_rate) };
  }

  async findings(jobId: string): Promise<ReconFindingView[]> {
    return this.dataSource.query(`SELECT code, statement_key, account, message FROM recon_job_findings WHERE job_id = $1 ORDER BY id`, [jobId]);
  }

  async logs(jobId: string, matched: boolean | undefined, limit: number, after?: string): Promise<Page<ReconLogView>> {
    const rows: (ReconLogView & { score: string | null; time_diff_minutes: string | null })[] = await this.dataSource.query(
      `SELECT id::text AS id, job_id, side, external_id, external_line, internal_transfer_id, internal_reference, matched, match_type,
              score::text AS score, amount_diff::text AS amount_diff, time_diff_minutes::text AS time_diff_minutes, currency,
              external_amount::text AS external_amount, internal_amount::text AS internal_amount, reason, reason_code, rule, group_id
       FROM recon_logs WHERE job_id = $1 AND ($2::boolean IS NULL OR matched = $2) AND id > $3::bigint
       ORDER BY recon_logs.id LIMIT $4`,
      [jobId, matched ?? null, after ?? '0', limit],
    );
    const data = rows.map((row) => ({ ...row, score: row.score === null ? null : Number(row.score), time_diff_minutes: row.time_diff_minutes === null ? null : Number(row.time_diff_minutes) }));
    return { data, next_cursor: rows.length === limit ? rows[rows.length - 1].id : null };
  }
}

type RawJob = Omit<ReconJobDetails, 'created_at' | 'started_at' | 'finished_at'> & { created_at: Date; started_at: Date | null; finished_at: Date | null };

function toJob(row: RawJob): ReconJobDetails {
  return { ...row, created_at: row.created_at.toISOString(), started_at: row.started_at?.toISOString() ?? null, finished_at: row.finished_at?.toISOString() ?? null };
}
