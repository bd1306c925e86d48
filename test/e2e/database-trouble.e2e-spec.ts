import pg from 'pg';
import { DataSource } from 'typeorm';
import { eventually } from '../support/poll.js';
import { useTestApp } from '../support/test-app.js';

/**
 * The connection under a request dies (pg_terminate_backend, as a failover or an operator would):
 * the client gets 503 DATABASE_UNAVAILABLE, nothing of the transfer is applied, and the next request works.
 */
describe('database trouble', () => {
  const context = useTestApp();
  const { http, ledger } = context;

  it('answers 503 when the connection is killed mid-transfer, rolls back, and recovers', async () => {
    const { account } = await ledger.fundedAccount('100');
    const other = await ledger.openAccount();
    const blocker = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await blocker.connect();
    try {
      // Hold the account's row lock so the transfer parks inside its transaction, where we can kill it.
      await blocker.query('BEGIN');
      await blocker.query('SELECT 1 FROM account_balances WHERE account_id = $1 FOR UPDATE', [account]);
      // supertest sends on then(), so start the request now.
      const pending = ledger.transfer(account, other, '40').then((response) => response);
      const victim = await eventually(async () => {
        const rows: { pid: number }[] = (
          await blocker.query(`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()`)
        ).rows;
        return rows[0]?.pid;
      });
      await blocker.query('SELECT pg_terminate_backend($1)', [victim]);
      const response = await pending;
      expect(response.status).toBe(503);
      expect(response.body).toMatchObject({ statusCode: 503, code: 'DATABASE_UNAVAILABLE' });
    } finally {
      await blocker.query('ROLLBACK').catch(() => undefined);
      await blocker.end();
    }
    expect(await ledger.balance(account)).toBe('100.00');
    for (let i = 0; i < 12; i++) await ledger.transfer(account, other, '1').expect(201);
    expect(await ledger.balance(account)).toBe('88.00');
    const [{ count }] = await context.app.get(DataSource).query(`SELECT count(*)::int AS count FROM transfers WHERE source_account_id = $1 AND amount = 40`, [account]);
    expect(count).toBe(0);
    expect((await http().get('/health').expect(200)).body.database).toBe('up');
  });
});
