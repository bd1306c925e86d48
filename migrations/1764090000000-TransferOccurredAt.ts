import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A transfer's value time (`occurred_at`: when the money moved, what a bank statement shows) apart from
 * `created_at` (when the ledger recorded it). Reconciliation compares against occurred_at.
 */
export class TransferOccurredAt1764090000000 implements MigrationInterface {
  name = 'TransferOccurredAt1764090000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE transfers ADD COLUMN occurred_at timestamptz;
      UPDATE transfers SET occurred_at = created_at;
      ALTER TABLE transfers ALTER COLUMN occurred_at SET NOT NULL;
      CREATE INDEX transfers_occurred ON transfers (occurred_at, id);
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE transfers DROP COLUMN occurred_at`);
  }
}
