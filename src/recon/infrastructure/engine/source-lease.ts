import type pg from 'pg';
import type { DataSource, QueryRunner } from 'typeorm';
import { sourceLockKeySql } from './claims.js';

const leaseAttempts = 5;
const leasePauseMs = 100;

/**
 * A database connection holding the session advisory lock of one source: while it is held no other job of
 * the source runs, in this process or any replica. The job runs on this connection, and the lock goes with
 * it: released at the end, or by PostgreSQL when the process dies, which is what tells the next start that a
 * job still marked running was abandoned.
 */
export class SourceLease {
  private constructor(
    private readonly connection: QueryRunner,
    readonly client: pg.PoolClient,
    readonly source: string,
  ) {}

  /** Undefined when another job of the source holds the lock (and `wait` is false). */
  static async acquire(dataSource: DataSource, source: string, wait: boolean): Promise<SourceLease | undefined> {
    const connection = dataSource.createQueryRunner();
    try {
      const client = (await connection.connect()) as pg.PoolClient;
      if (wait) {
        await client.query(`SELECT pg_advisory_lock(${sourceLockKeySql})`, [source]);
      } else {
        const { rows } = await client.query<{ locked: boolean }>(`SELECT pg_try_advisory_lock(${sourceLockKeySql}) AS locked`, [source]);
        if (!rows[0].locked) {
          await connection.release();
          return undefined;
        }
      }
      return new SourceLease(connection, client, source);
    } catch (error) {
      await connection.release();
      throw error;
    }
  }

  /**
   * Tries a few times over about half a second before giving up: a job's completed state commits before its
   * runner releases the lock, so a client that starts the next job as soon as it reads "completed" would
   * otherwise be refused for a moment.
   */
  static async acquireSoon(dataSource: DataSource, source: string): Promise<SourceLease | undefined> {
    for (let attempt = 1; ; attempt += 1) {
      const lease = await SourceLease.acquire(dataSource, source, false);
      if (lease !== undefined || attempt === leaseAttempts) return lease;
      await new Promise((resolve) => setTimeout(resolve, leasePauseMs));
    }
  }

  /** Whether a job of `source` is running somewhere: its lock is held. */
  static async isHeld(dataSource: DataSource, source: string): Promise<boolean> {
    const lease = await SourceLease.acquire(dataSource, source, false);
    await lease?.release();
    return lease === undefined;
  }

  async release(): Promise<void> {
    try {
      await this.client.query(`SELECT pg_advisory_unlock(${sourceLockKeySql})`, [this.source]);
    } finally {
      await this.connection.release();
    }
  }
}
