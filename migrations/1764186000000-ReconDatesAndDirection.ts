import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Dates without times, and direction (issue 12, part 5): the job's ledger snapshot keeps each transfer's
 * business day in the business time zone (what a date-only bank line is compared with) and, on a job scoped
 * to an account, the transfer's direction for that account ('debit' when money leaves it).
 */
export class ReconDatesAndDirection1764186000000 implements MigrationInterface {
  name = 'ReconDatesAndDirection1764186000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE recon_staging_ledger ADD COLUMN business_day date, ADD COLUMN direction text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE recon_staging_ledger DROP COLUMN business_day, DROP COLUMN direction`);
  }
}
