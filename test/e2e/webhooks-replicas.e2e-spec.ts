import { parseMetrics, sampleValue } from '../support/metrics-text.js';
import { eventually } from '../support/poll.js';
import { ScratchDatabase } from '../support/scratch-database.js';
import { ServerProcess } from '../support/server-process.js';
import { WebhookReceiver } from '../support/webhook-receiver.js';

/** Two server processes on one database, as two replicas behind a load balancer, and one receiver. */
describe('webhooks and periodic jobs across two replicas', () => {
  let database: ScratchDatabase;
  const replicas: ServerProcess[] = [];
  const receiver = new WebhookReceiver();
  const leaderOf = async (replica: ServerProcess) => sampleValue(parseMetrics((await replica.http().get('/metrics').expect(200)).text), 'tally_webhook_dispatcher_leader');
  const logLines = (pattern: RegExp) => replicas.flatMap((replica) => replica.output.split('\n')).filter((line) => pattern.test(line));

  beforeAll(async () => {
    database = await ScratchDatabase.create('tally_hooks_replicas');
    await receiver.start();
    const env = {
      DATABASE_URL: database.url,
      LOG_LEVEL: 'log',
      WEBHOOK_ALLOW_PRIVATE_URLS: 'true',
      WEBHOOK_DISPATCH_INTERVAL_MS: '100',
      WEBHOOK_TIMEOUT_MS: '2000',
      WEBHOOK_RETRY_BASE_MS: '50',
      WEBHOOK_RETRY_MAX_MS: '200',
      RETENTION_SWEEP_INTERVAL_SECONDS: '3600',
      VERIFY_INTERVAL_SECONDS: '3600',
    };
    replicas.push(...(await Promise.all([ServerProcess.start(env), ServerProcess.start(env)])));
  });
  afterAll(async () => {
    await Promise.all(replicas.map((replica) => (replica.child.exitCode === null && replica.child.signalCode === null ? replica.stop('SIGTERM') : undefined)));
    await receiver.stop();
    await database?.drop();
  });

  it('runs the retention sweep and the scheduled verify once between them, and both export the result', async () => {
    await eventually(async () => (logLines(/"context":"LedgerVerify"/).length > 0 && logLines(/"context":"Retention"/).length > 0 ? true : undefined));
    // Let the other replica's first checks (made at its start too) come and go.
    await new Promise((resume) => setTimeout(resume, 500));
    expect(logLines(/"msg":"retention: this replica/)).toHaveLength(1);
    expect(logLines(/"msg":"verify: this replica/)).toHaveLength(1);
    for (const replica of replicas) {
      const samples = parseMetrics((await replica.http().get('/metrics').expect(200)).text);
      expect(sampleValue(samples, 'tally_ledger_verify_ok')).toBe(1);
      expect(sampleValue(samples, 'tally_ledger_verify_findings')).toBe(0);
      expect(sampleValue(samples, 'tally_retention_swept', { target: 'idempotency_keys' })).toBe(0);
      expect(sampleValue(samples, 'tally_retention_last_sweep_timestamp_seconds')).toBeGreaterThan(Date.now() / 1000 - 120);
    }
  });

  it('delivers each event once and in order from the replica holding the lock, and the other takes over when it dies', async () => {
    const [a, b] = replicas;
    const float = (await a.http().post('/ledger/account').send({ currency: 'USD', type: 'internal', allow_overdraft: true }).expect(201)).body.id;
    const account = (await b.http().post('/ledger/account').send({ currency: 'USD', type: 'user' }).expect(201)).body.id;
    await b.http().post('/webhooks/subscriptions').send({ url: receiver.url, event_types: ['transfer.posted'] }).expect(201);
    const transfer = (replica: ServerProcess, index: number) =>
      replica.http().post('/ledger/transfer').send({ source_account_id: float, destination_account_id: account, amount: `${index}.00`, currency: 'USD' }).expect(201);
    await Promise.all(Array.from({ length: 20 }, (_, index) => transfer(replicas[index % 2], index + 1)));
    const inLogOrder = async (replica: ServerProcess) => (await replica.http().get(`/ledger/transfer/?account_id=${account}&limit=500`).expect(200)).body.data.map((row: { id: string }) => row.id);
    const deliveredIds = () => receiver.accepted().map((request) => (JSON.parse(request.body) as { data: { id: string } }).data.id);

    const posted = await inLogOrder(a);
    await eventually(async () => (deliveredIds().length >= 20 ? true : undefined));
    expect(deliveredIds()).toEqual(posted);
    const leaders = await Promise.all(replicas.map(leaderOf));
    expect([...leaders].sort()).toEqual([0, 1]);

    const leader = replicas[leaders.indexOf(1)];
    const survivor = replicas[leaders.indexOf(0)];
    await leader.stop('SIGKILL');
    await Promise.all(Array.from({ length: 5 }, (_, index) => transfer(survivor, 21 + index)));
    const all = await inLogOrder(survivor);
    await eventually(async () => (deliveredIds().length >= 25 ? true : undefined));
    expect(deliveredIds()).toEqual(all);
    expect(await leaderOf(survivor)).toBe(1);
    await new Promise((resume) => setTimeout(resume, 300));
    expect(receiver.requests).toHaveLength(25);
  });
});
