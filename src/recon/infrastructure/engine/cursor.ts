import type pg from 'pg';

/** Rows fetched per round trip: bounded memory, few round trips. */
const fetchRows = 2_000;

/**
 * Streams a query's rows through a server-side cursor, `fetchRows` at a time. The caller must be inside a
 * transaction on `client` (a cursor lives in one); other statements may run between pages.
 */
export async function* cursorRows<T extends pg.QueryResultRow>(client: pg.PoolClient, name: string, sql: string, params: readonly unknown[]): AsyncGenerator<T> {
  await client.query(`DECLARE ${name} NO SCROLL CURSOR FOR ${sql}`, params as unknown[]);
  try {
    for (;;) {
      const page = await client.query<T>(`FETCH ${fetchRows} FROM ${name}`);
      yield* page.rows;
      if (page.rows.length < fetchRows) return;
    }
  } finally {
    await client.query(`CLOSE ${name}`);
  }
}

/** Groups consecutive rows with the same key (the query orders by it), yielding one group at a time. */
export async function* groupedBy<T>(rows: AsyncIterable<T>, keyOf: (row: T) => string): AsyncGenerator<T[]> {
  let group: T[] = [];
  for await (const row of rows) {
    if (group.length > 0 && keyOf(group[0]) !== keyOf(row)) {
      yield group;
      group = [];
    }
    group.push(row);
  }
  if (group.length > 0) yield group;
}
