import type { Queryable } from '../../database/unit-of-work.js';

/**
 * Runs `work` in one REPEATABLE READ, READ ONLY transaction, so every query sees the same snapshot and
 * concurrent writes cannot make an honest log look wrong. TypeORM implements it in the server, plain `pg` in the
 * CLI's `verify` (which then loads neither Nest nor TypeORM).
 */
export interface ReadSnapshot {
  read<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
}
