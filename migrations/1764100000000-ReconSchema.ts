import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reconciliation: one row per job, one log row per record (matched pair, unmatched record or rejected
 * row), one summary per job. Logs and summaries are an audit trail: the database refuses to change them.
 */
export class ReconSchema1764100000000 implements MigrationInterface {
  name = 'ReconSchema1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE recon_jobs (
        id uuid PRIMARY KEY,
        source text NOT NULL,
        business_date date NOT NULL,
        account_id uuid,
        trigger text NOT NULL CHECK (trigger IN ('api', 'cli', 'schedule')),
        parameters jsonb NOT NULL,
        status text NOT NULL CHECK (status IN ('pending', 'running', 'completed', 'failed')),
        error text,
        counts jsonb,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        started_at timestamptz,
        finished_at timestamptz
      );
      CREATE INDEX recon_jobs_source_date ON recon_jobs (source, business_date, created_at DESC);
      CREATE INDEX recon_jobs_date ON recon_jobs (business_date, created_at DESC);
      -- The daily schedule reconciles each (source, date) once, however many replicas run it.
      CREATE UNIQUE INDEX recon_jobs_scheduled_once ON recon_jobs (source, business_date) WHERE trigger = 'schedule';

      CREATE TABLE recon_logs (
        id bigserial PRIMARY KEY,
        job_id uuid NOT NULL REFERENCES recon_jobs (id),
        side text NOT NULL CHECK (side IN ('external', 'internal')),
        external_id text,
        external_line int,
        internal_transfer_id uuid,
        internal_reference text,
        matched boolean NOT NULL,
        match_type text CHECK (match_type IN ('exact', 'fuzzy')),
        score numeric(7,6),
        amount_diff numeric(38,4),
        time_diff_minutes numeric(12,2),
        currency text,
        external_amount numeric(38,4),
        internal_amount numeric(38,4),
        reason text,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        CHECK (matched = (match_type IS NOT NULL)),
        CHECK (NOT matched OR (external_id IS NOT NULL AND internal_transfer_id IS NOT NULL))
      );
      -- One-to-one: within a job each external record and each ledger transfer appears at most once.
      CREATE UNIQUE INDEX recon_logs_external_once ON recon_logs (job_id, external_id) WHERE external_id IS NOT NULL;
      CREATE UNIQUE INDEX recon_logs_internal_once ON recon_logs (job_id, internal_transfer_id) WHERE internal_transfer_id IS NOT NULL;
      CREATE INDEX recon_logs_job_matched ON recon_logs (job_id, matched, id);

      CREATE TABLE recon_summary (
        job_id uuid PRIMARY KEY REFERENCES recon_jobs (id),
        external_total int NOT NULL,
        internal_total int NOT NULL,
        rejected_rows int NOT NULL,
        matched_exact int NOT NULL,
        matched_fuzzy int NOT NULL,
        unmatched_external int NOT NULL,
        unmatched_internal int NOT NULL,
        match_rate numeric(5,4) NOT NULL,
        amounts jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp()
      );

      CREATE TRIGGER recon_logs_append_only BEFORE UPDATE OR DELETE ON recon_logs FOR EACH ROW EXECUTE FUNCTION tally_refuse_mutation();
      CREATE TRIGGER recon_logs_no_truncate BEFORE TRUNCATE ON recon_logs FOR EACH STATEMENT EXECUTE FUNCTION tally_refuse_mutation();
      CREATE TRIGGER recon_summary_append_only BEFORE UPDATE OR DELETE ON recon_summary FOR EACH ROW EXECUTE FUNCTION tally_refuse_mutation();
      CREATE TRIGGER recon_summary_no_truncate BEFORE TRUNCATE ON recon_summary FOR EACH STATEMENT EXECUTE FUNCTION tally_refuse_mutation();
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE recon_summary, recon_logs, recon_jobs`);
  }
}
