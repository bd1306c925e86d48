import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Principals are identified by their API key's id, no longer by its name (a revoked key's name can be
 * given to a new key, which must not inherit the old key's stored responses). Idempotency keys were
 * scoped `<route>:<key name>`; those of an active key move to `<route>:key:<key id>` so that a client
 * retrying across the upgrade still gets its first response. Scopes naming only revoked keys stay as
 * they were: no current principal can reach them any more. JWT scopes (`<route>:jwt:<sub>`) do not change.
 */
export class KeyIdentity1764150000000 implements MigrationInterface {
  name = 'KeyIdentity1764150000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      UPDATE idempotency_keys AS i
         SET scope = split_part(i.scope, ':', 1) || ':key:' || k.id
        FROM api_keys AS k
       WHERE k.revoked_at IS NULL
         AND i.scope = split_part(i.scope, ':', 1) || ':' || k.name
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      UPDATE idempotency_keys AS i
         SET scope = split_part(i.scope, ':', 1) || ':' || k.name
        FROM api_keys AS k
       WHERE i.scope = split_part(i.scope, ':', 1) || ':key:' || k.id
    `);
  }
}
