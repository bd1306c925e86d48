import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The ledger: accounts, the append-only event log, the balance projection, transfers, idempotency keys
 * and the statement read model. Money is NUMERIC(38,4): 18 integer digits for amounts with room for
 * balances to grow, and 4 decimals, the largest ISO 4217 minor unit.
 */
export class LedgerSchema1764080000000 implements MigrationInterface {
  name = 'LedgerSchema1764080000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION tally_refuse_mutation() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% on % is refused: the table is append-only', TG_OP, TG_TABLE_NAME
          USING ERRCODE = 'insufficient_privilege';
      END $$;

      CREATE TABLE accounts (
        id uuid PRIMARY KEY,
        currency char(3) NOT NULL,
        type text NOT NULL CHECK (type ~ '^[a-z][a-z0-9_]{0,31}$'),
        metadata jsonb NOT NULL DEFAULT '{}',
        allow_overdraft boolean NOT NULL,
        overdraft_limit numeric(38,4) CHECK (overdraft_limit >= 0),
        created_at timestamptz NOT NULL,
        CHECK (overdraft_limit IS NULL OR allow_overdraft)
      );
      CREATE INDEX accounts_created ON accounts (created_at, id);

      CREATE TABLE events (
        position bigserial PRIMARY KEY,
        id uuid NOT NULL UNIQUE,
        stream_id uuid NOT NULL,
        stream_version bigint NOT NULL CHECK (stream_version > 0),
        type text NOT NULL,
        schema_version int NOT NULL,
        payload jsonb NOT NULL,
        metadata jsonb NOT NULL DEFAULT '{}',
        occurred_at timestamptz NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        CONSTRAINT events_stream_version UNIQUE (stream_id, stream_version)
      );
      CREATE INDEX events_stream_position ON events (stream_id, position);
      CREATE INDEX events_transfer ON events ((payload->>'transfer_id'), position) WHERE payload ? 'transfer_id';
      CREATE INDEX events_type_position ON events (type, position);
      CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON events
        FOR EACH ROW EXECUTE FUNCTION tally_refuse_mutation();
      CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events
        FOR EACH STATEMENT EXECUTE FUNCTION tally_refuse_mutation();

      -- The balance projection, written in the same transaction as the events it folds. balance_floor
      -- repeats the account's overdraft rule so the database itself refuses an overdraft the code missed.
      CREATE TABLE account_balances (
        account_id uuid PRIMARY KEY REFERENCES accounts (id),
        currency char(3) NOT NULL,
        balance numeric(38,4) NOT NULL,
        balance_floor numeric(38,4),
        version bigint NOT NULL,
        updated_at timestamptz NOT NULL,
        CONSTRAINT account_balances_floor CHECK (balance_floor IS NULL OR balance >= balance_floor)
      );
      CREATE INDEX account_balances_currency ON account_balances (currency);

      CREATE TABLE transfers (
        id uuid PRIMARY KEY,
        source_account_id uuid NOT NULL REFERENCES accounts (id),
        destination_account_id uuid NOT NULL REFERENCES accounts (id),
        amount numeric(38,4) NOT NULL CHECK (amount > 0),
        currency char(3) NOT NULL,
        reference text,
        metadata jsonb NOT NULL DEFAULT '{}',
        status text NOT NULL CHECK (status = 'posted'),
        created_at timestamptz NOT NULL,
        CHECK (source_account_id <> destination_account_id)
      );
      CREATE INDEX transfers_created ON transfers (created_at, id);
      CREATE INDEX transfers_reference ON transfers (reference) WHERE reference IS NOT NULL;
      CREATE INDEX transfers_source_created ON transfers (source_account_id, created_at);
      CREATE INDEX transfers_destination_created ON transfers (destination_account_id, created_at);

      CREATE TABLE idempotency_keys (
        scope text NOT NULL,
        key text NOT NULL,
        request_hash text NOT NULL,
        response_status int NOT NULL,
        response_body json NOT NULL, -- json, not jsonb: a replay returns the first body byte for byte
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (scope, key)
      );

      -- Read model updated after the commit by StatementProjection; keyed by (account, version), so replays are no-ops.
      CREATE TABLE account_statement_lines (
        account_id uuid NOT NULL,
        version bigint NOT NULL,
        transfer_id uuid NOT NULL,
        counterparty_account_id uuid NOT NULL,
        direction text NOT NULL CHECK (direction IN ('debit', 'credit')),
        amount numeric(38,4) NOT NULL,
        currency char(3) NOT NULL,
        balance_after numeric(38,4) NOT NULL,
        reference text,
        occurred_at timestamptz NOT NULL,
        PRIMARY KEY (account_id, version)
      );
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP TABLE account_statement_lines, idempotency_keys, transfers, account_balances;
      DROP TRIGGER events_append_only ON events;
      DROP TRIGGER events_no_truncate ON events;
      DROP TABLE events, accounts;
      DROP FUNCTION tally_refuse_mutation();
    `);
  }
}
