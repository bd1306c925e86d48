import type pg from 'pg';
import type { DataSource } from 'typeorm';
import { readInSnapshot } from './pg-snapshot.js';
import type { ReadSnapshot, SnapshotQueries } from './read-snapshot.js';

/** The server's snapshot: the plain `pg` connection under a query runner of its TypeORM pool (TypeORM cannot stream rows without pg-query-stream). */
export class TypeOrmReadSnapshot implements ReadSnapshot {
  constructor(private readonly dataSource: DataSource) {}

  async read<T>(work: (tx: SnapshotQueries) => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    try {
      const client = (await runner.connect()) as pg.PoolClient;
      return await readInSnapshot(client, work);
    } finally {
      await runner.release();
    }
  }
}
