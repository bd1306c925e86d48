import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The request id of the HTTP request that started a reconciliation job (null for the CLI and the
 * schedule), so a job can be traced to the request's log line and the events it wrote; and the audit of
 * admin actions (API keys created and revoked), append-only like the event log.
 */
export class Observability1764140000000 implements MigrationInterface {
  name = 'Observability1764140000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE recon_jobs ADD COLUMN correlation_id text;

      CREATE TABLE admin_audit (
        id bigserial PRIMARY KEY,
        occurred_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        actor text NOT NULL CHECK (actor <> ''),
        action text NOT NULL CHECK (action ~ '^[a-z_]+\\.[a-z_]+$'),
        target_id text NOT NULL,
        target_name text,
        details jsonb NOT NULL DEFAULT '{}',
        correlation_id text
      );
      CREATE TRIGGER admin_audit_append_only BEFORE UPDATE OR DELETE ON admin_audit FOR EACH ROW EXECUTE FUNCTION tally_refuse_mutation();
      CREATE TRIGGER admin_audit_no_truncate BEFORE TRUNCATE ON admin_audit FOR EACH STATEMENT EXECUTE FUNCTION tally_refuse_mutation();
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE admin_audit; ALTER TABLE recon_jobs DROP COLUMN correlation_id`);
  }
}
