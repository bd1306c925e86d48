import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Repeated ids are settled in staging, not in the reader (issue 12: memory flat whatever the file). A reader
 * used to remember every id it had seen, which grew with the file. Now every row is staged with its position
 * in the file (`ordinal`); a key derived from content carries the part before its occurrence number
 * (`key_base`), numbered in SQL; a row outside the job's period carries its date (`outside_date`), so a
 * repeated id among those rows is found the same way before they are logged out_of_period.
 */
export class ReconStagingOrder1764189000000 implements MigrationInterface {
  name = 'ReconStagingOrder1764189000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE recon_staging ADD COLUMN ordinal bigint NOT NULL DEFAULT 0, ADD COLUMN key_base text, ADD COLUMN outside_date date;
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE recon_staging DROP COLUMN ordinal, DROP COLUMN key_base, DROP COLUMN outside_date;
    `);
  }
}
