import type pg from 'pg';
import type { DataSource, QueryRunner } from 'typeorm';
import { readInSnapshot } from './pg-snapshot.js';
import { snapshotReaders, type ReadSnapshot, type SnapshotQueries } from './read-snapshot.js';

/** The server's snapshot: the plain `pg` connections under `snapshotReaders` query runners of its TypeORM pool. */
export class TypeOrmReadSnapshot implements ReadSnapshot {
  constructor(private readonly dataSource: DataSource) {}

  async read<T>(work: (tx: SnapshotQueries) => Promise<T>): Promise<T> {
    const runners: QueryRunner[] = [];
    try {
      const clients: pg.PoolClient[] = [];
      for (let index = 0; index < snapshotReaders; index++) {
        const runner = this.dataSource.createQueryRunner();
        runners.push(runner);
        clients.push((await runner.connect()) as pg.PoolClient);
      }
      return await readInSnapshot(clients, work);
    } finally {
      await Promise.all(runners.map((runner) => runner.release()));
    }
  }
}
