import type pg from 'pg';
import type { Queryable } from '../../database/unit-of-work.js';
import type { SnapshotQueries } from './read-snapshot.js';

/** pg_export_snapshot()'s identifiers, e.g. 00000003-0000001B-1: checked, since SET TRANSACTION SNAPSHOT takes no parameter. */
const snapshotId = /^[0-9A-F]+(-[0-9A-F]+)+$/i;

/**
 * Runs `work` in one REPEATABLE READ, READ ONLY transaction per client, all on the snapshot the first one exports;
 * rolls every one back on any failure.
 */
export async function readInSnapshot<T>(clients: readonly pg.ClientBase[], work: (tx: SnapshotQueries) => Promise<T>): Promise<T> {
  const [first, ...others] = clients;
  const begun: pg.ClientBase[] = [];
  try {
    await first.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    begun.push(first);
    if (others.length > 0) {
      const [{ snapshot }] = (await first.query<{ snapshot: string }>('SELECT pg_export_snapshot() AS snapshot')).rows;
      if (!snapshotId.test(snapshot)) throw new Error(`Unexpected snapshot identifier ${snapshot}`);
      for (const other of others) {
        await other.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
        begun.push(other);
        await other.query(`SET TRANSACTION SNAPSHOT '${snapshot}'`);
      }
    }
    const readers = clients.map(queryable);
    const result = await work(Object.assign(queryable(first), { readers }));
    await Promise.all(begun.map((client) => client.query('COMMIT')));
    return result;
  } catch (error) {
    await Promise.all(begun.map((client) => client.query('ROLLBACK').catch(() => undefined)));
    throw error;
  }
}

/** Rows, as TypeORM's query() returns them. */
function queryable(client: pg.ClientBase): Queryable {
  return { query: async (sql: string, parameters?: unknown[]) => (await client.query(sql, parameters)).rows } as Queryable;
}
