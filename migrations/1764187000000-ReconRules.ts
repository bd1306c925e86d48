import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Rules as configuration (issue 12, part 6): each match names the rule that made it (`rule`, on the log and
 * through staging), a match may be of kind 'tolerance' (same reference, amount within an allowance), and the
 * job's ledger snapshot keeps each transfer's metadata so rules can compare `metadata.<key>`.
 */
export class ReconRules1764187000000 implements MigrationInterface {
  name = 'ReconRules1764187000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE recon_logs ADD COLUMN rule text;
      ALTER TABLE recon_logs DROP CONSTRAINT recon_logs_match_type_check;
      ALTER TABLE recon_logs ADD CONSTRAINT recon_logs_match_type_check CHECK (match_type IN ('exact', 'tolerance', 'fuzzy'));
      ALTER TABLE recon_staging_ledger ADD COLUMN metadata jsonb NOT NULL DEFAULT '{}';
      ALTER TABLE recon_staging_candidates ADD COLUMN rule text;
      ALTER TABLE recon_staging_matches ADD COLUMN rule text;
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE recon_staging_matches DROP COLUMN rule;
      ALTER TABLE recon_staging_candidates DROP COLUMN rule;
      ALTER TABLE recon_staging_ledger DROP COLUMN metadata;
      ALTER TABLE recon_logs DROP CONSTRAINT recon_logs_match_type_check;
      ALTER TABLE recon_logs ADD CONSTRAINT recon_logs_match_type_check CHECK (match_type IN ('exact', 'fuzzy'));
      ALTER TABLE recon_logs DROP COLUMN rule;
    `);
  }
}
