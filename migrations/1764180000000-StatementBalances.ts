import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What statement files say about themselves, kept so each new statement can be compared with the one before.
 *
 * - `recon_statements`: one row per statement of a completed job (source, account, currency, opening and
 *   closing balances and dates, entries counted). The previous statement of an account is the one with the
 *   latest closing date before the new one's, whichever job or file it came from.
 * - `recon_job_findings`: job-level findings (a balance break, a gap or an overlap with the previous
 *   statement), append-only like the job's logs.
 */
export class StatementBalances1764180000000 implements MigrationInterface {
  name = 'StatementBalances1764180000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE recon_statements (
        id bigserial PRIMARY KEY,
        job_id uuid NOT NULL REFERENCES recon_jobs (id),
        source text NOT NULL,
        account text NOT NULL CHECK (length(account) BETWEEN 1 AND 128),
        currency text NOT NULL,
        statement_key text NOT NULL,
        opening_amount numeric,
        opening_date date,
        closing_amount numeric NOT NULL,
        closing_date date NOT NULL,
        entries integer NOT NULL CHECK (entries >= 0),
        created_at timestamptz NOT NULL DEFAULT clock_timestamp()
      );
      CREATE INDEX recon_statements_previous ON recon_statements (source, account, currency, closing_date DESC, id DESC);
      CREATE TABLE recon_job_findings (
        id bigserial PRIMARY KEY,
        job_id uuid NOT NULL REFERENCES recon_jobs (id),
        code text NOT NULL,
        statement_key text,
        account text,
        message text NOT NULL
      );
      CREATE INDEX recon_job_findings_job ON recon_job_findings (job_id, id);
      CREATE TRIGGER recon_job_findings_append_only BEFORE UPDATE OR DELETE ON recon_job_findings FOR EACH ROW EXECUTE FUNCTION tally_refuse_mutation();
      CREATE TRIGGER recon_job_findings_no_truncate BEFORE TRUNCATE ON recon_job_findings FOR EACH STATEMENT EXECUTE FUNCTION tally_refuse_mutation();
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE recon_job_findings; DROP TABLE recon_statements;`);
  }
}
