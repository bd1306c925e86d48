import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * API keys. Only a sha256 of each key is stored (keys are 256-bit random secrets, so a fast hash is
 * enough), with a short non-secret prefix for people to tell keys apart. A revoked key keeps its row as
 * a record of who could write; the partial unique index lets its name be reused by a new key.
 */
export class ApiKeys1764120000000 implements MigrationInterface {
  name = 'ApiKeys1764120000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE api_keys (
        id uuid PRIMARY KEY,
        name text NOT NULL CHECK (name ~ '^[A-Za-z0-9][A-Za-z0-9._@-]{0,99}$'),
        prefix text NOT NULL,
        key_hash bytea NOT NULL CHECK (length(key_hash) = 32),
        scopes text[] NOT NULL CHECK (cardinality(scopes) > 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz,
        last_used_at timestamptz
      );
      CREATE UNIQUE INDEX api_keys_active_name ON api_keys (name) WHERE revoked_at IS NULL;
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE api_keys`);
  }
}
