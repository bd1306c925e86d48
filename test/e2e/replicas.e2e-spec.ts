import { runCli } from '../support/run-cli.js';
import { ScratchDatabase } from '../support/scratch-database.js';
import { ServerProcess } from '../support/server-process.js';

/** Two server processes on one database, as two replicas behind a load balancer. */
describe('two replicas', () => {
  let database: ScratchDatabase;
  const replicas: ServerProcess[] = [];

  beforeAll(async () => {
    database = await ScratchDatabase.create('tally_replicas');
    // Started one after the other and then together: both apply migrations under the advisory lock.
    replicas.push(...(await Promise.all([ServerProcess.start({ DATABASE_URL: database.url }), ServerProcess.start({ DATABASE_URL: database.url })])));
  });
  afterAll(async () => {
    await Promise.all(replicas.map((replica) => replica.stop('SIGTERM')));
    await database?.drop();
  });

  it('never overdraws and never loses an update when debits race across both', async () => {
    const [a, b] = replicas;
    const float = (await a.http().post('/ledger/account').send({ currency: 'USD', type: 'internal', allow_overdraft: true }).expect(201)).body.id;
    const account = (await b.http().post('/ledger/account').send({ currency: 'USD', type: 'user' }).expect(201)).body.id;
    const sink = (await a.http().post('/ledger/account').send({ currency: 'USD', type: 'user' }).expect(201)).body.id;
    await a.http().post('/ledger/transfer').send({ source_account_id: float, destination_account_id: account, amount: '500.00', currency: 'USD' }).expect(201);

    const debit = (replica: ServerProcess) =>
      replica.http().post('/ledger/transfer').send({ source_account_id: account, destination_account_id: sink, amount: '100.00', currency: 'USD' }).then((r) => r);
    const responses = await Promise.all(Array.from({ length: 20 }, (_, i) => debit(replicas[i % 2])));
    expect(responses.filter((r) => r.status === 201)).toHaveLength(5);
    expect(responses.filter((r) => r.status === 422 && r.body.code === 'INSUFFICIENT_FUNDS')).toHaveLength(15);
    for (const replica of replicas) {
      expect((await replica.http().get(`/ledger/account/${account}/balance`).expect(200)).body).toMatchObject({ balance: '0.00', version: 7 });
      expect((await replica.http().get(`/ledger/account/${sink}/balance`).expect(200)).body.balance).toBe('500.00');
    }
    const verify = await runCli(['verify'], { DATABASE_URL: database.url });
    expect(verify.code).toBe(0);
  });

  it('posts once for one Idempotency-Key sent to both replicas at the same time, in single and batch requests', async () => {
    const [a, b] = replicas;
    const float = (await a.http().post('/ledger/account').send({ currency: 'USD', type: 'internal', allow_overdraft: true }).expect(201)).body.id;
    const payee = (await b.http().post('/ledger/account').send({ currency: 'USD', type: 'user' }).expect(201)).body.id;
    const transfer = { source_account_id: float, destination_account_id: payee, amount: '7.00', currency: 'USD' };
    const singles = await Promise.all(replicas.flatMap((replica) => [1, 2].map(() => replica.http().post('/ledger/transfer').set('Idempotency-Key', 'both-replicas-single').send(transfer))));
    expect(singles.map((r) => r.status)).toEqual([201, 201, 201, 201]);
    expect(new Set(singles.map((r) => r.body.id)).size).toBe(1);
    const batch = { mode: 'independent', transfers: [transfer, transfer] };
    const batches = await Promise.all(replicas.flatMap((replica) => [1, 2].map(() => replica.http().post('/ledger/transfers/batch').set('Idempotency-Key', 'both-replicas-batch').send(batch))));
    expect(batches.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    for (const response of batches) expect(response.body).toEqual(batches[0].body);
    expect((await a.http().get(`/ledger/account/${payee}/balance`).expect(200)).body.balance).toBe('21.00');
  });

  it('lists every event exactly once to a reader paging the log while both replicas post', async () => {
    const [a, b] = replicas;
    const float = (await a.http().post('/ledger/account').send({ currency: 'USD', type: 'internal', allow_overdraft: true }).expect(201)).body.id;
    const payees = await Promise.all([a, b, a, b].map(async (replica) => (await replica.http().post('/ledger/account').send({ currency: 'USD', type: 'user' }).expect(201)).body.id as string));
    let after = '0';
    const seen: string[] = [];
    // Start from the current end of the log.
    for (;;) {
      const page = (await a.http().get(`/ledger/events/?limit=500&after=${after}`).expect(200)).body;
      if (page.data.length > 0) after = page.data[page.data.length - 1].position;
      if (!page.next_cursor) break;
    }
    expect(Number(after)).toBeGreaterThan(0);
    let posting = true;
    const writers = replicas.map(async (replica, r) => {
      const posted: string[] = [];
      for (let i = 0; posting || i < 5; i++) {
        const response = await replica.http().post('/ledger/transfer').send({ source_account_id: float, destination_account_id: payees[(i + r) % 4], amount: '0.01', currency: 'USD' });
        if (response.status === 201) posted.push(response.body.id);
      }
      return posted;
    });
    const reader = (async () => {
      for (let round = 0; round < 40; round++) {
        const page = (await b.http().get(`/ledger/events/?limit=7&after=${after}`).expect(200)).body;
        for (const event of page.data) seen.push(event.position);
        if (page.data.length > 0) after = page.data[page.data.length - 1].position;
      }
    })();
    await reader;
    posting = false;
    const posted = (await Promise.all(writers)).flat();
    // Read what is left after the writers stopped.
    for (;;) {
      const page = (await b.http().get(`/ledger/events/?limit=500&after=${after}`).expect(200)).body;
      for (const event of page.data) seen.push(event.position);
      if (page.data.length > 0) after = page.data[page.data.length - 1].position;
      if (!page.next_cursor) break;
    }
    expect(new Set(seen).size).toBe(seen.length);
    const numbers = seen.map(Number);
    // Gapless and in order: each position is the one after the previous.
    numbers.forEach((position, i) => i > 0 && expect(position).toBe(numbers[i - 1] + 1));
    expect(seen.length).toBe(posted.length * 2);
  });
});
