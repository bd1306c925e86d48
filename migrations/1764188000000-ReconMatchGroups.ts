import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Match groups (issue 12, item 7): one external record against several transfers, or several records against
 * one transfer. A group is claimed and logged one row per record, in the same layout for both: the target
 * paired with its first member, then each further member alone, all naming the group, e.g. (e1, t1, g),
 * (NULL, t2, g), (NULL, t3, g). So each record still appears once, and the unique constraints (a transfer and
 * an external record are claimed at most once per source, logged at most once per job) keep holding; a row
 * naming only one record must belong to a group.
 */
export class ReconMatchGroups1764188000000 implements MigrationInterface {
  name = 'ReconMatchGroups1764188000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE recon_claims ADD COLUMN group_id uuid,
        ALTER COLUMN external_id DROP NOT NULL, ALTER COLUMN transfer_id DROP NOT NULL,
        ADD CONSTRAINT recon_claims_pair_or_group CHECK (
          (external_id IS NOT NULL AND transfer_id IS NOT NULL) OR (group_id IS NOT NULL AND (external_id IS NOT NULL OR transfer_id IS NOT NULL)));

      ALTER TABLE recon_logs ADD COLUMN group_id uuid;
      ALTER TABLE recon_logs DROP CONSTRAINT recon_logs_match_type_check;
      ALTER TABLE recon_logs ADD CONSTRAINT recon_logs_match_type_check CHECK (match_type IN ('exact', 'tolerance', 'fuzzy', 'group'));
      ALTER TABLE recon_logs DROP CONSTRAINT recon_logs_check1;
      ALTER TABLE recon_logs ADD CONSTRAINT recon_logs_matched_names_both CHECK (
        NOT matched OR (external_id IS NOT NULL AND internal_transfer_id IS NOT NULL)
        OR (match_type = 'group' AND group_id IS NOT NULL AND (external_id IS NOT NULL OR internal_transfer_id IS NOT NULL)));

      -- Counted apart from pairs: matched_group_external and matched_group_internal differ (3 transfers for 1 line).
      ALTER TABLE recon_summary ADD COLUMN matched_groups int NOT NULL DEFAULT 0,
        ADD COLUMN matched_group_external int NOT NULL DEFAULT 0, ADD COLUMN matched_group_internal int NOT NULL DEFAULT 0;

      -- A job's group phase: its groups in the claims' layout (reason_code matched_group, group_id set), and its
      -- targets logged ambiguous_group or group_search_capped (group_id NULL, one record each). Scratch space.
      CREATE UNLOGGED TABLE recon_staging_groups (
        job_id uuid NOT NULL,
        group_id uuid,
        external_id text,
        transfer_id uuid,
        reason_code text NOT NULL,
        reason text NOT NULL,
        amount_diff numeric
      );
      CREATE INDEX recon_staging_groups_external ON recon_staging_groups (job_id, external_id);
      CREATE INDEX recon_staging_groups_transfer ON recon_staging_groups (job_id, transfer_id);
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP TABLE recon_staging_groups;
      ALTER TABLE recon_summary DROP COLUMN matched_groups, DROP COLUMN matched_group_external, DROP COLUMN matched_group_internal;
      -- Claims of groups cannot be held in the old layout: released (their jobs' logs still say what matched).
      DELETE FROM recon_claims WHERE external_id IS NULL OR transfer_id IS NULL;
      ALTER TABLE recon_claims DROP CONSTRAINT recon_claims_pair_or_group, DROP COLUMN group_id,
        ALTER COLUMN external_id SET NOT NULL, ALTER COLUMN transfer_id SET NOT NULL;
      ALTER TABLE recon_logs DROP CONSTRAINT recon_logs_matched_names_both;
      -- NOT VALID: the log is append-only, so rows of groups stay; the old rules hold for rows written from now on.
      ALTER TABLE recon_logs ADD CONSTRAINT recon_logs_check1 CHECK (NOT matched OR (external_id IS NOT NULL AND internal_transfer_id IS NOT NULL)) NOT VALID;
      ALTER TABLE recon_logs DROP CONSTRAINT recon_logs_match_type_check;
      ALTER TABLE recon_logs ADD CONSTRAINT recon_logs_match_type_check CHECK (match_type IN ('exact', 'tolerance', 'fuzzy')) NOT VALID;
      ALTER TABLE recon_logs DROP COLUMN group_id;
    `);
  }
}
