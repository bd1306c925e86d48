import { spawn } from 'node:child_process';
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

  // Last: it stops the server.
  it('still writes its last lines when stopped with SIGTERM', async () => {
    const requestId = `last-${randomUUID()}`;
    await server.http().get('/ledger/account/').set('Authorization', `Bearer ${key}`).set('X-Request-Id', requestId).expect(200);
    expect(await server.stop('SIGTERM')).toBe(0);
    const all = lines();
    expect(all.filter((line) => line.request_id === requestId)).toEqual([expect.objectContaining({ msg: 'request completed', status: 200 })]);
    expect(all.some((line) => line.msg === 'SIGTERM: draining in-flight requests, then closing')).toBe(true);
  });
});

describe('production log lines, which are buffered', () => {
  /**
   * A process with the production logger that logs two lines, then `ending`. (Not FATAL: pino writes a fatal
   * line synchronously whatever the destination, so DatabaseUrl's FATAL-then-exit is safe anyway.)
   */
  const spawnLogging = (ending: string) =>
    spawn(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import { createLogger } from './dist/src/observability/logger.js';
         import { PinoNestLogger } from './dist/src/observability/nest-logger.js';
         const nest = new PinoNestLogger(createLogger({ NODE_ENV: 'production', LOG_LEVEL: 'log' }));
         nest.log('starting', 'Tally');
         nest.error('could not close', 'Tally');
         ${ending}`,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
  const messagesOf = (output: string) => output.split('\n').filter(Boolean).map((line) => (JSON.parse(line) as { msg: string }).msg);

  it.each([
    ['process.exit(1) right after the line', 'process.exit(1);'],
    ['an uncaught exception', "setImmediate(() => { throw new Error('boom'); });"],
  ])('are all written before %s ends the process', async (_ending, ending) => {
    const child = spawnLogging(ending);
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise((done) => child.once('close', done));
    expect({ code, messages: messagesOf(output) }).toEqual({ code: 1, messages: ['starting', 'could not close'] });
  });

  it('leave a quiet process within a fraction of a second', async () => {
    const child = spawnLogging('setTimeout(() => {}, 30_000);');
    let output = '';
    const delay = await new Promise<number>((done, fail) => {
      const timeout = setTimeout(() => fail(new Error(`the lines did not come: ${output}`)), 10_000);
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (messagesOf(output).length < 2) return;
        clearTimeout(timeout);
        // From when the last line was logged (its own time) to its arrival here: the buffer is flushed every 100 ms.
        done(Date.now() - Date.parse((JSON.parse(output.trimEnd().split('\n').at(-1)!) as { time: string }).time));
      });
    });
    child.kill('SIGKILL');
    expect(delay).toBeLessThan(1_000);
  });
});
