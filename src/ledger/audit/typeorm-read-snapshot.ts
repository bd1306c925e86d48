import type { DataSource } from 'typeorm';
import type { Queryable } from '../../database/unit-of-work.js';
import type { ReadSnapshot } from './read-snapshot.js';

/** The server's snapshot: a query runner of its TypeORM pool. */
export class TypeOrmReadSnapshot implements ReadSnapshot {
  constructor(private readonly dataSource: DataSource) {}

  async read<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction('REPEATABLE READ');
      await runner.query('SET TRANSACTION READ ONLY');
      const result = await work(runner);
      await runner.commitTransaction();
      return result;
    } finally {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      await runner.release();
    }
  }
}
