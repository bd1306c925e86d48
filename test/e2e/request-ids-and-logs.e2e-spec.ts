import { randomUUID } from 'node:crypto';
import { runCli } from '../support/run-cli.js';
import { ServerProcess } from '../support/server-process.js';
import { useTestApp } from '../support/test-app.js';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('request ids', () => {
  const { http, ledger } = useTestApp();

  it('echoes X-Request-Id, or a new UUID, on every response, errors included', async () => {
    const given = await http().get('/health').set('X-Request-Id', 'lb-7f3a').expect(200);
    expect(given.headers['x-request-id']).toBe('lb-7f3a');
    const generated = await http().get('/health').expect(200);
    expect(generated.headers['x-request-id']).toMatch(uuid);
    const notFound = await http().get('/no-such-route').set('X-Request-Id', 'lb-404').expect(404);
    expect(notFound.headers['x-request-id']).toBe('lb-404');
    // An id that could inject into a log line is replaced, never refused.
    const odd = await http().get('/health').set('X-Request-Id', 'a b').expect(200);
    expect(odd.headers['x-request-id']).toMatch(uuid);
  });

  it('stores the request id as correlation_id in the metadata of the events the request wrote', async () => {
    const { account, float } = await ledger.fundedAccount('5');
    const requestId = `req-${randomUUID()}`;
    const posted = await http()
      .post('/ledger/transfer/')
      .set('X-Request-Id', requestId)
      .send({ source_account_id: account, destination_account_id: float, amount: '1', currency: 'USD' })
      .expect(201);
    expect(posted.headers['x-request-id']).toBe(requestId);
    const events = await http().get(`/ledger/events/?transfer_id=${posted.body.id}`).expect(200);
    expect(events.body.data.map((event: { metadata: unknown }) => event.metadata)).toEqual([{ correlation_id: requestId }, { correlation_id: requestId }]);
  });

  it('uses the generated id as correlation_id when the caller sends none', async () => {
    const opened = await http().post('/ledger/account/').send({ currency: 'USD', type: 'user' }).expect(201);
    const events = await http().get(`/ledger/events/?account_id=${opened.body.id}`).expect(200);
    expect(events.body.data[0].metadata).toEqual({ correlation_id: opened.headers['x-request-id'] });
  });

  it('stores the request id on the reconciliation job the request started', async () => {
    const requestId = `recon-${randomUUID()}`;
    const run = await http().post('/recon/run').set('X-Request-Id', requestId).send({ source: 'bank_csv', date: '2025-07-13', file_path: 'bank_dump.csv' }).expect(202);
    const job = await http().get(`/recon/jobs/${run.body.job_id}`).expect(200);
    expect(job.body.correlation_id).toBe(requestId);
  });
});

describe('logs in production', () => {
  const secretInBody = `body-secret-${randomUUID()}`;
  let server: ServerProcess;
  let key: string;

  beforeAll(async () => {
    const env = { NODE_ENV: 'production', AUTH_REQUIRED: 'true', LOG_LEVEL: 'log' };
    const created = await runCli(['create-api-key', '--name', `log-writer-${Date.now()}`, '--scopes', 'ledger:read,ledger:write'], env);
    expect(created.code).toBe(0);
    key = created.stdout.trimEnd().split('\n').at(-1)!;
    server = await ServerProcess.start(env);
  }, 60_000);

  afterAll(() => server?.stop('SIGTERM'));

  const lines = () =>
    server.output
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => {
        try {
          return JSON.parse(line) as Record<string, unknown>;
        } catch {
          throw new Error(`not a JSON line: ${line}`);
        }
      });

  it('writes JSON lines only, one per request with its id, route, status, duration and principal, and no secret', async () => {
    const requestId = `prod-${randomUUID()}`;
    const opened = await server
      .http()
      .post('/ledger/account/')
      .set('Authorization', `Bearer ${key}`)
      .set('X-Request-Id', requestId)
      .send({ currency: 'USD', type: 'user', metadata: { password: secretInBody } })
      .expect(201);
    const badKey = `${key.slice(0, -4)}AAAA`;
    await server.http().get('/ledger/account/').set('Authorization', `Bearer ${badKey}`).set('X-Request-Id', `${requestId}-bad`).expect(401);
    const events = await server.http().get(`/ledger/events/?account_id=${opened.body.id}`).set('Authorization', `Bearer ${key}`).expect(200);
    const principal = events.body.data[0].metadata.actor as string;
    expect(events.body.data[0].metadata).toEqual({ correlation_id: requestId, actor: expect.stringMatching(/^key:[0-9a-f-]{36}$/), actor_name: expect.stringMatching(/^log-writer-/) });

    // The lines are written when the response has been sent: give the process a moment to flush them.
    await new Promise((done) => setTimeout(done, 300));
    const all = lines();
    expect(all.filter((line) => line.msg === 'request completed' && line.request_id === requestId)).toEqual([
      expect.objectContaining({ level: 'info', method: 'POST', route: '/ledger/account', status: 201, principal, duration_ms: expect.any(Number) }),
    ]);
    expect(all.filter((line) => line.request_id === `${requestId}-bad`)).toEqual([
      expect.objectContaining({ method: 'GET', route: '/ledger/account', status: 401, principal: null }),
    ]);
    expect(all.some((line) => line.context === 'Tally' && String(line.msg).startsWith('Listening on'))).toBe(true);
    for (const secret of [key, badKey, key.slice(4), secretInBody, 'Bearer']) expect(server.output).not.toContain(secret);
    expect(server.output).not.toContain('\u001b[');
  });
});
