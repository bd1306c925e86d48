import type { DataSource } from 'typeorm';
import { UnitOfWork } from './unit-of-work.js';

/** A query runner that records what the unit of work asks of it. */
function fakeDataSource(log: string[]) {
  return {
    createQueryRunner: () => ({
      isTransactionActive: false,
      connect: async () => undefined,
      startTransaction: async function (this: { isTransactionActive: boolean }) {
        this.isTransactionActive = true;
        log.push('begin');
      },
      commitTransaction: async () => void log.push('commit'),
      rollbackTransaction: async () => void log.push('rollback'),
      release: async () => undefined,
    }),
  } as unknown as DataSource;
}

const failure = (code: string) => Object.assign(new Error(code), { code });

describe('UnitOfWork', () => {
  it('runs the work again after a serialization failure or deadlock, from a new transaction', async () => {
    const log: string[] = [];
    const failures = [failure('40001'), failure('40P01')];
    const result = await new UnitOfWork(fakeDataSource(log)).run(async () => {
      const next = failures.shift();
      if (next) throw next;
      return 'done';
    });
    expect(result).toBe('done');
    expect(log).toEqual(['begin', 'rollback', 'begin', 'rollback', 'begin', 'commit']);
  });

  it('gives up after three attempts and rethrows the last failure', async () => {
    const log: string[] = [];
    let attempts = 0;
    const run = new UnitOfWork(fakeDataSource(log)).run(async () => {
      attempts++;
      throw failure('40001');
    });
    await expect(run).rejects.toMatchObject({ code: '40001' });
    expect(attempts).toBe(3);
  });

  it('does not retry a business error, and turns a lost connection into DATABASE_UNAVAILABLE', async () => {
    let attempts = 0;
    const uow = new UnitOfWork(fakeDataSource([]));
    await expect(uow.run(async () => (attempts++, Promise.reject(new Error('INSUFFICIENT_FUNDS'))))).rejects.toThrow('INSUFFICIENT_FUNDS');
    expect(attempts).toBe(1);
    await expect(uow.run(() => Promise.reject(failure('57P01')))).rejects.toMatchObject({ code: 'DATABASE_UNAVAILABLE' });
  });
});
