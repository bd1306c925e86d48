import pg from 'pg';
import { eventually } from '../support/poll.js';
import { runCli } from '../support/run-cli.js';
import { ScratchDatabase } from '../support/scratch-database.js';
import { ServerProcess } from '../support/server-process.js';
import { statementLinesFromEvents } from '../../src/ledger/projections/statement.projection.js';

/** Crash safety and graceful shutdown, with the real server as a child process on a database of its own. */
describe('crash and shutdown', () => {
  let database: ScratchDatabase;

  beforeAll(async () => (database = await ScratchDatabase.create('tally_crash')));
  afterAll(() => database?.drop());

  const openAccounts = async (server: ServerProcess, count: number) => {
    const float = (await server.http().post('/ledger/account').send({ currency: 'USD', type: 'internal', allow_overdraft: true }).expect(201)).body.id as string;
    const accounts: string[] = [];
    for (let i = 0; i < count; i++) {
      const id = (await server.http().post('/ledger/account').send({ currency: 'USD', type: 'user' }).expect(201)).body.id as string;
      await server.http().post('/ledger/transfer').send({ source_account_id: float, destination_account_id: id, amount: '1000.00', currency: 'USD' }).expect(201);
      accounts.push(id);
    }
    return accounts;
  };

  it('keeps every acknowledged transfer and nothing half-applied across a SIGKILL mid-load', async () => {
    const first = await ServerProcess.start({ DATABASE_URL: database.url });
    const accounts = await openAccounts(first, 10);
    const acknowledged: string[] = [];
    let killed = false;
    const transfer = (seed: number, i: number) => ({
      source_account_id: accounts[(seed + i) % accounts.length],
      destination_account_id: accounts[(seed + i + 1 + (i % 3)) % accounts.length],
      amount: '0.01',
      currency: 'USD',
    });
    // Single transfers and batch requests of five share group commits while the process is killed.
    const worker = async (seed: number) => {
      for (let i = 0; !killed; i++) {
        if (seed % 2 === 0) {
          const response = await first.http().post('/ledger/transfer').send(transfer(seed, i)).catch(() => undefined);
          if (response?.status === 201) acknowledged.push(response.body.id);
        } else {
          const batch = { mode: 'independent', transfers: Array.from({ length: 5 }, (_, k) => transfer(seed, i * 5 + k)) };
          const response = await first.http().post('/ledger/transfers/batch').send(batch).catch(() => undefined);
          if (response?.status === 200) for (const result of response.body.results) if (result.status === 201) acknowledged.push(result.transfer.id);
        }
      }
    };
    const load = Promise.all(Array.from({ length: 8 }, (_, seed) => worker(seed)));
    await eventually(async () => (acknowledged.length >= 40 ? true : undefined));
    killed = true;
    expect(await first.stop('SIGKILL')).toBeNull();
    await load;

    const second = await ServerProcess.start({ DATABASE_URL: database.url });
    try {
      for (const id of acknowledged) await second.http().get(`/ledger/transfer/${id}`).expect(200);
    } finally {
      await second.stop('SIGTERM');
    }
    const verify = await runCli(['verify'], { DATABASE_URL: database.url });
    expect(verify.stdout).toContain('OK');
    expect(verify.code).toBe(0);
    // The statement lines were written with their postings: they equal what a rebuild derives from the log.
    const { rows } = await database.query(
      `WITH derived AS (${statementLinesFromEvents('events')}),
            stored AS (SELECT account_id, version, transfer_id, counterparty_account_id, direction, amount, currency, balance_after, reference, occurred_at FROM account_statement_lines)
       SELECT (SELECT count(*) FROM (SELECT * FROM derived EXCEPT SELECT * FROM stored) missing)::int AS missing,
              (SELECT count(*) FROM (SELECT * FROM stored EXCEPT SELECT * FROM derived) extra)::int AS extra,
              (SELECT count(*) FROM stored)::int AS lines`,
    );
    expect(rows[0]).toEqual({ missing: 0, extra: 0, lines: expect.any(Number) });
    expect(rows[0].lines).toBeGreaterThanOrEqual(acknowledged.length * 2);
  });

  it('drains in-flight transfers on SIGTERM before closing the pool, then exits 0', async () => {
    const server = await ServerProcess.start({ DATABASE_URL: database.url });
    const [source, destination] = await openAccounts(server, 2);
    const blocker = new pg.Client({ connectionString: database.url });
    await blocker.connect();
    // Park the requests inside their transactions: they are in flight when SIGTERM arrives.
    await blocker.query('BEGIN');
    await blocker.query('SELECT 1 FROM account_balances WHERE account_id = $1 FOR UPDATE', [source]);
    const inFlight = Array.from({ length: 5 }, () =>
      server.http().post('/ledger/transfer').send({ source_account_id: source, destination_account_id: destination, amount: '1.00', currency: 'USD' }).then((r) => r),
    );
    await eventually(async () => {
      // Inside the blocker's transaction pg_stat_activity is one snapshot, taken at the first look: refresh it each time.
      await blocker.query('SELECT pg_stat_clear_snapshot()');
      const { rows } = await blocker.query(`SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`);
      // A batch is parked on the lock, and all five requests are inside the server (in that batch or queued behind
      // it), not just the first: a request still on its way when SIGTERM lands is refused, not drained.
      const metrics = await server.http().get('/metrics');
      const pending = Number(/^tally_write_queue_entries (\d+)/m.exec(metrics.text)?.[1] ?? 0);
      return rows[0].waiting >= 1 && pending >= inFlight.length ? true : undefined;
    });
    const exit = server.stop('SIGTERM');
    await new Promise((done) => setTimeout(done, 300));
    await blocker.query('ROLLBACK');
    await blocker.end();
    const responses = await Promise.all(inFlight);
    expect(responses.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    expect(await exit).toBe(0);
  });
});
