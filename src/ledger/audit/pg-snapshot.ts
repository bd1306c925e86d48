import pg from 'pg';
import type { SnapshotQueries } from './read-snapshot.js';

/** Runs `work` in one REPEATABLE READ, READ ONLY transaction on `client`; rolls back on any failure. */
export async function readInSnapshot<T>(client: pg.ClientBase, work: (tx: SnapshotQueries) => Promise<T>): Promise<T> {
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  try {
    const result = await work(snapshotQueries(client));
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

function snapshotQueries(client: pg.ClientBase): SnapshotQueries {
  return {
    // Rows, as TypeORM's query() returns them.
    query: async (sql: string, parameters?: unknown[]) => (await client.query(sql, parameters)).rows,
    eachRow: (sql, parameters, onRow) => eachRow(client, sql, parameters, onRow),
  } as SnapshotQueries;
}

/**
 * pg's Query emits each row as it is parsed and, with a 'row' listener and no callback, keeps none; TCP's flow
 * control then holds PostgreSQL back while `onRow` is busy. A throwing `onRow` fails the query once it has ended.
 */
function eachRow(client: pg.ClientBase, sql: string, parameters: unknown[], onRow: (row: unknown[]) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    let failure: { error: unknown } | undefined;
    const query = client.query(new pg.Query({ text: sql, values: parameters, rowMode: 'array' } as pg.QueryArrayConfig));
    query.on('row', (row: unknown[]) => {
      if (failure) return;
      try {
        onRow(row);
      } catch (error) {
        failure = { error };
      }
    });
    query.on('error', reject);
    query.on('end', () => (failure ? reject(failure.error) : resolve()));
  });
}
