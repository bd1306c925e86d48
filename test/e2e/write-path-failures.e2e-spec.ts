import { DataSource } from 'typeorm';
import { sqlState } from '../../src/database/database-errors.js';
import { Decimal } from '../../src/common/money/decimal.js';
import { LedgerWriter } from '../../src/ledger/infrastructure/write/ledger-writer.js';
import type { TransferInput } from '../../src/ledger/infrastructure/write/write-entry.js';
import pg from 'pg';
import { startApp, useTestApp } from '../support/test-app.js';

/** How the group commit fails: one bad entry alone, and a full queue refused at once. */
describe('write path failures', () => {
  const context = useTestApp({ LEDGER_WRITE_QUEUE_MAX: '4' });
  const { http, ledger } = context;

  it('splits a batch the database refuses until the entry at fault fails alone, with its SQLSTATE; its batch-mates are written', async () => {
    const float = await ledger.openAccount({ type: 'internal', allow_overdraft: true });
    const payee = await ledger.openAccount();
    const input = (reference: string): TransferInput => ({ sourceAccountId: float, destinationAccountId: payee, amount: new Decimal('2.00'), currency: 'USD', reference, metadata: {}, occurredAt: null });
    const writer = context.app.get(LedgerWriter);
    // A NUL byte never gets past the HTTP validation; written directly it is refused by PostgreSQL itself (class 22).
    const settled = await Promise.allSettled(['good-1', 'bad\u0000', 'good-2', 'good-3'].map((reference) => writer.submit({ kind: 'transfer', transfer: input(reference), metadata: {} })));
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect(sqlState((settled[1] as PromiseRejectedResult).reason)?.slice(0, 2)).toBe('22');
    expect(await ledger.balance(payee)).toBe('6.00');
    const [{ references }] = await context.app.get(DataSource).query(`SELECT array_agg(reference ORDER BY position) AS references FROM transfers WHERE destination_account_id = $1`, [payee]);
    expect(references).toEqual(['good-1', 'good-2', 'good-3']);
    const metrics = await http().get('/metrics').expect(200);
    expect(Number(/^tally_write_batch_splits_total (\d+)/m.exec(metrics.text)?.[1])).toBeGreaterThanOrEqual(1);
  });

  it('refuses writes beyond the queue bound at once with 503 OVERLOADED and Retry-After, and moves no money for them', async () => {
    const float = await ledger.openAccount({ type: 'internal', allow_overdraft: true });
    const payee = await ledger.openAccount();
    const responses = await Promise.all(Array.from({ length: 40 }, () => ledger.transfer(float, payee, '1.00')));
    const overloaded = responses.filter((r) => r.status === 503);
    const posted = responses.filter((r) => r.status === 201);
    expect(overloaded.length + posted.length).toBe(40);
    expect(overloaded.length).toBeGreaterThan(0);
    for (const response of overloaded) {
      expect(response.body.code).toBe('OVERLOADED');
      expect(response.headers['retry-after']).toBe('1');
    }
    expect(await ledger.balance(payee)).toBe(`${posted.length}.00`);
  });

  it('reads and decides again when another replica took the stream version the batch was about to write', async () => {
    const float = await ledger.openAccount({ type: 'internal', allow_overdraft: true });
    const payee = await ledger.openAccount();
    const second = await startApp();
    const blocker = new pg.Client({ connectionString: process.env.DATABASE_URL });
    try {
      await blocker.connect();
      // Both replicas read the accounts at the same versions, then queue on the chain head this transaction holds.
      await blocker.query('BEGIN');
      await blocker.query('SELECT 1 FROM event_chain WHERE id = 1 FOR UPDATE');
      const transfer = (): TransferInput => ({ sourceAccountId: float, destinationAccountId: payee, amount: new Decimal('3.00'), currency: 'USD', reference: null, metadata: {}, occurredAt: null });
      const both = Promise.all([context.app, second].map((app) => app.get(LedgerWriter).submit({ kind: 'transfer', transfer: transfer(), metadata: {} })));
      await new Promise((resolve) => setTimeout(resolve, 500));
      await blocker.query('COMMIT');
      const outcomes = await both;
      expect(outcomes.map((outcome) => outcome.status)).toEqual([201, 201]);
      expect(await ledger.balance(payee)).toBe('6.00');
      const metrics = await http().get('/metrics').expect(200);
      const secondMetrics = await (await import('supertest')).default(second.getHttpServer()).get('/metrics').expect(200);
      const retries = (text: string) => [...text.matchAll(/^tally_write_batch_retries_total\{[^}]*\} (\d+)/gm)].reduce((sum, m) => sum + Number(m[1]), 0);
      expect(retries(metrics.text) + retries(secondMetrics.text)).toBeGreaterThanOrEqual(1);
    } finally {
      await blocker.end();
      await second.close();
    }
  });
});
