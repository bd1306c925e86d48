import type pg from 'pg';
import { readInSnapshot } from '../../ledger/audit/pg-snapshot.js';
import { snapshotReaders, type ReadSnapshot, type SnapshotQueries } from '../../ledger/audit/read-snapshot.js';

/** The CLI's snapshot: `client` and `snapshotReaders - 1` more plain `pg` connections that `connect` opens and this closes. */
export class PgReadSnapshot implements ReadSnapshot {
  constructor(
    private readonly client: pg.Client,
    private readonly connect: () => Promise<pg.Client>,
  ) {}

  async read<T>(work: (tx: SnapshotQueries) => Promise<T>): Promise<T> {
    const others: pg.Client[] = [];
    try {
      for (let index = 1; index < snapshotReaders; index++) others.push(await this.connect());
      return await readInSnapshot([this.client, ...others], work);
    } finally {
      await Promise.all(others.map((other) => other.end()));
    }
  }
}
