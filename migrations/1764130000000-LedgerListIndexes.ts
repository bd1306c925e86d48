import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The list endpoints' order key and filters.
 *
 * `transfers.position` is the log position of the transfer's first event (its debit). Positions are handed
 * out under the `event_chain` lock, held until the commit, so a position is never visible before a lower
 * one: paging by position cannot skip a transfer that commits late (created_at and occurred_at can).
 *
 * One index per filter, each ending in position so that a filter alone is an ordered index scan that stops
 * at the page size. The indexes keyed by created_at are replaced (nothing orders transfers by created_at
 * any more), so a transfer insert maintains three more index entries than before: the position, the
 * currency and the metadata (GIN with jsonb_path_ops: smaller and cheaper to update than the default
 * operator class, and it serves `@>`, the only operator the filter uses; its pending list batches inserts).
 * Accounts are opened rarely, so their three filter indexes cost little.
 */
export class LedgerListIndexes1764130000000 implements MigrationInterface {
  name = 'LedgerListIndexes1764130000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE transfers ADD COLUMN position bigint;
      UPDATE transfers t SET position = first.position
        FROM (SELECT (payload->>'transfer_id')::uuid AS transfer_id, min(position) AS position
              FROM events WHERE payload ? 'transfer_id' GROUP BY 1) first
        WHERE first.transfer_id = t.id;
      ALTER TABLE transfers ALTER COLUMN position SET NOT NULL;

      CREATE UNIQUE INDEX transfers_position ON transfers (position);
      CREATE INDEX transfers_source_position ON transfers (source_account_id, position);
      CREATE INDEX transfers_destination_position ON transfers (destination_account_id, position);
      CREATE INDEX transfers_reference_position ON transfers (reference, position) WHERE reference IS NOT NULL;
      CREATE INDEX transfers_currency_position ON transfers (currency, position);
      CREATE INDEX transfers_metadata ON transfers USING gin (metadata jsonb_path_ops);
      DROP INDEX transfers_created, transfers_reference, transfers_source_created, transfers_destination_created;

      CREATE INDEX accounts_currency_created ON accounts (currency, created_at, id);
      CREATE INDEX accounts_type_created ON accounts (type, created_at, id);
      CREATE INDEX accounts_metadata ON accounts USING gin (metadata jsonb_path_ops);
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP INDEX accounts_currency_created, accounts_type_created, accounts_metadata, transfers_metadata;
      CREATE INDEX transfers_created ON transfers (created_at, id);
      CREATE INDEX transfers_reference ON transfers (reference) WHERE reference IS NOT NULL;
      CREATE INDEX transfers_source_created ON transfers (source_account_id, created_at);
      CREATE INDEX transfers_destination_created ON transfers (destination_account_id, created_at);
      ALTER TABLE transfers DROP COLUMN position;
    `);
  }
}
