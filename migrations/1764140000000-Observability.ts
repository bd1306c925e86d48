import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The request id of the HTTP request that started a reconciliation job (null for the CLI and the
 * schedule), so a job can be traced to the request's log line and the events it wrote.
 */
export class Observability1764140000000 implements MigrationInterface {
  name = 'Observability1764140000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE recon_jobs ADD COLUMN correlation_id text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE recon_jobs DROP COLUMN correlation_id`);
  }
}
