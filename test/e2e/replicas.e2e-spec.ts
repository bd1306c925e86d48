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
});
