import type pg from 'pg';
import { readInSnapshot } from '../../ledger/audit/pg-snapshot.js';
import type { ReadSnapshot, SnapshotQueries } from '../../ledger/audit/read-snapshot.js';

/** The CLI's snapshot: one transaction on a plain `pg` connection. */
export class PgReadSnapshot implements ReadSnapshot {
  constructor(private readonly client: pg.Client) {}

  read<T>(work: (tx: SnapshotQueries) => Promise<T>): Promise<T> {
    return readInSnapshot(this.client, work);
  }
}
