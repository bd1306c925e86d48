import { Injectable } from '@nestjs/common';
import { DataSource, type QueryRunner } from 'typeorm';
import { DatabaseUnavailable, isDatabaseUnavailable, isRetryable } from './database-errors.js';

export type Queryable = Pick<QueryRunner, 'query'>;

const attemptsMax = 3;

/**
 * One transaction for work outside the write path (the projection rebuild). `run` commits what `work` did or rolls
 * all of it back; a serialization failure or deadlock runs `work` again from the start, at most `attemptsMax` times.
 */
@Injectable()
export class UnitOfWork {
  constructor(private readonly dataSource: DataSource) {}

  async run<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.once(work);
      } catch (error) {
        const retry = isRetryable(error);
        if (!retry || attempt >= attemptsMax) throw isDatabaseUnavailable(error) ? new DatabaseUnavailable() : error;
      }
    }
  }

  private async once<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    try {
      await runner.connect();
      await runner.startTransaction();
      const result = await work(runner);
      await runner.commitTransaction();
      return result;
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      throw error;
    } finally {
      await runner.release();
    }
  }
}
