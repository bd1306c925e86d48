import type { Queryable } from '../../database/unit-of-work.js';

/** The queries `verify` runs inside its snapshot. */
export interface SnapshotQueries extends Queryable {
  /**
   * Transactions on one and the same snapshot, this one first, for reading parts of the log side by side: each runs
   * in its own PostgreSQL backend, so recomputing hashes, most of verify's work, spreads over the server's cores.
   */
  readonly readers: readonly Queryable[];
}

/**
 * How many connections a snapshot reads with: the first checks the blocks in SQL while the others read the log's
 * chunks for the fold. On the 2-core development VM a fourth made no difference one could measure under the other
 * agents' load; the server borrows them from its pool (DATABASE_POOL_SIZE, 10 by default) for the length of a verify.
 */
export const snapshotReaders = 3;

/**
 * Runs `work` in REPEATABLE READ, READ ONLY transactions that all see one snapshot (exported by the first), so
 * concurrent writes cannot make an honest log look wrong. Both implementations use plain `pg` connections: the
 * server's borrow them from its TypeORM pool, the CLI's `verify` opens its own (and loads neither Nest nor TypeORM).
 */
export interface ReadSnapshot {
  read<T>(work: (tx: SnapshotQueries) => Promise<T>): Promise<T>;
}
