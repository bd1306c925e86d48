import type pg from 'pg';
import type { Queryable } from '../../database/unit-of-work.js';
import type { ReadSnapshot } from '../../ledger/audit/read-snapshot.js';

/** The CLI's snapshot: one transaction on a plain `pg` connection. */
export class PgReadSnapshot implements ReadSnapshot {
  constructor(private readonly client: pg.Client) {}

  async read<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
    // Rows, as TypeORM's query() returns them.
    const tx = { query: async (sql: string, parameters?: unknown[]) => (await this.client.query(sql, parameters)).rows } as Queryable;
    await this.client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    try {
      const result = await work(tx);
      await this.client.query('COMMIT');
      return result;
    } catch (error) {
      await this.client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }
}
