import type { Queryable } from '../../database/unit-of-work.js';

/** The queries `verify` runs inside its snapshot. */
export interface SnapshotQueries extends Queryable {
  /**
   * Runs `sql` and hands each row, as an array of column values, to `onRow` as it arrives; nothing accumulates, so
   * memory stays bounded however many rows there are. One execution without a row limit, which lets PostgreSQL plan
   * the query in parallel (a cursor fetched in pages would not).
   */
  eachRow(sql: string, parameters: unknown[], onRow: (row: unknown[]) => void): Promise<void>;
}

/**
 * Runs `work` in one REPEATABLE READ, READ ONLY transaction, so every query sees the same snapshot and
 * concurrent writes cannot make an honest log look wrong. Both implementations use a plain `pg` connection:
 * the server's borrows one from its TypeORM pool, the CLI's `verify` opens its own (and loads neither Nest nor TypeORM).
 */
export interface ReadSnapshot {
  read<T>(work: (tx: SnapshotQueries) => Promise<T>): Promise<T>;
}
