import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reconciliation engine v2 (issue 12). Matching moves into PostgreSQL:
 * - `ledger_recon_transfers`: the ledger's read-only face for recon (recon never reads or writes ledger tables);
 * - UNLOGGED staging for one job's external records, its ledger snapshot, candidate pairs and matches: scratch
 *   space that is deleted when the job ends and need not survive a crash (a crashed job is failed anyway);
 * - a machine-readable `reason_code` on every log row.
 */
export class ReconEngine1764185000000 implements MigrationInterface {
  name = 'ReconEngine1764185000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      -- Owned by the ledger: the columns reconciliation may read, debit = the account money leaves.
      CREATE VIEW ledger_recon_transfers AS
        SELECT id, reference, metadata, amount, currency, occurred_at,
               source_account_id AS debit_account_id, destination_account_id AS credit_account_id
        FROM transfers;

      CREATE UNLOGGED TABLE recon_staging (
        job_id uuid NOT NULL,
        external_id text NOT NULL,
        line int,
        reference text NOT NULL,
        end_to_end_id text,
        amount numeric NOT NULL,
        direction text,
        currency text NOT NULL,
        occurred_at timestamptz NOT NULL,
        time_precision text,
        booking_date date,
        value_date date,
        counterparty text,
        description text,
        group_id text
      );
      CREATE INDEX recon_staging_job ON recon_staging (job_id, external_id);

      -- The job's ledger side, copied once so every step of the job sees the same transfers.
      CREATE UNLOGGED TABLE recon_staging_ledger (
        job_id uuid NOT NULL,
        transfer_id uuid NOT NULL,
        reference text NOT NULL,
        amount numeric NOT NULL,
        currency text NOT NULL,
        occurred_at timestamptz NOT NULL
      );
      CREATE INDEX recon_staging_ledger_job ON recon_staging_ledger (job_id, transfer_id);

      CREATE UNLOGGED TABLE recon_staging_candidates (
        job_id uuid NOT NULL,
        external_id text NOT NULL,
        transfer_id uuid NOT NULL,
        match_type text NOT NULL,
        score numeric NOT NULL,
        amount_diff numeric NOT NULL,
        time_diff_ms bigint NOT NULL
      );
      CREATE INDEX recon_staging_candidates_job ON recon_staging_candidates (job_id);

      CREATE UNLOGGED TABLE recon_staging_matches (
        job_id uuid NOT NULL,
        external_id text NOT NULL,
        transfer_id uuid NOT NULL,
        match_type text NOT NULL,
        score numeric NOT NULL,
        amount_diff numeric NOT NULL,
        time_diff_ms bigint NOT NULL,
        PRIMARY KEY (job_id, external_id),
        UNIQUE (job_id, transfer_id)
      );

      ALTER TABLE recon_logs ADD COLUMN reason_code text;

      -- A job covers a period of business dates; business_date stays as its first day.
      ALTER TABLE recon_jobs ADD COLUMN period_from date, ADD COLUMN period_to date;
      UPDATE recon_jobs SET period_from = business_date, period_to = business_date;
      ALTER TABLE recon_jobs ALTER COLUMN period_from SET NOT NULL, ALTER COLUMN period_to SET NOT NULL,
        ADD CONSTRAINT recon_jobs_period CHECK (period_from <= period_to AND period_from = business_date);
      CREATE INDEX recon_jobs_source_period ON recon_jobs (source, period_from, period_to);
      ALTER TABLE recon_staging_ledger ADD COLUMN in_period boolean NOT NULL DEFAULT true;

      -- One match per record across jobs: a completed job's matches are its claims, released when a job of the
      -- same source and period supersedes it. The constraints, not the code, make a second claim impossible.
      ALTER TABLE recon_jobs ADD COLUMN superseded_by uuid REFERENCES recon_jobs (id);
      CREATE TABLE recon_claims (
        source text NOT NULL,
        job_id uuid NOT NULL REFERENCES recon_jobs (id),
        transfer_id uuid NOT NULL,
        external_id text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        CONSTRAINT recon_claims_transfer_once UNIQUE (source, transfer_id),
        CONSTRAINT recon_claims_external_once UNIQUE (source, external_id)
      );
      CREATE INDEX recon_claims_job ON recon_claims (job_id);
      -- Records another live job already claimed: set aside before matching.
      ALTER TABLE recon_staging ADD COLUMN claimed_by uuid;
      ALTER TABLE recon_staging_ledger ADD COLUMN claimed_by uuid;

      -- Which process ran a job (host:pid:boot), for diagnosis; liveness itself is the per-source advisory lock.
      ALTER TABLE recon_jobs ADD COLUMN runner_id text;
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP TABLE recon_claims;
      ALTER TABLE recon_jobs DROP COLUMN runner_id, DROP COLUMN superseded_by, DROP COLUMN period_from, DROP COLUMN period_to;
      ALTER TABLE recon_logs DROP COLUMN reason_code;
      DROP TABLE recon_staging_matches, recon_staging_candidates, recon_staging_ledger, recon_staging;
      DROP VIEW ledger_recon_transfers;
    `);
  }
}
