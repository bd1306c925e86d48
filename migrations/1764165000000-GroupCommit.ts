import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * For the group-commit write path (src/ledger/infrastructure/write/ledger-writer.ts): a batch reads its accounts
 * without locks, decides in Node, then appends in one statement that must find every balance row at the version
 * it read. `tally_require` lets that one statement abort itself, as a serialization failure (so the whole batch
 * is read and decided again), when a row moved in between.
 */
export class GroupCommit1764165000000 implements MigrationInterface {
  name = 'GroupCommit1764165000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION tally_require(ok boolean, message text) RETURNS boolean LANGUAGE plpgsql AS $$
      BEGIN
        IF ok IS NOT TRUE THEN
          RAISE EXCEPTION '%', message USING ERRCODE = 'serialization_failure';
        END IF;
        RETURN true;
      END $$;
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION tally_require(boolean, text)`);
  }
}
