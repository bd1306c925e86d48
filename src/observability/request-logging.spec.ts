import { Writable } from 'node:stream';
import { fastify, type FastifyInstance } from 'fastify';
import { validateEnvironment } from '../config/environment.js';
import { fastifyObservabilityOptions } from './http-observability.js';
import { createLogger } from './logger.js';
import { installRequestLogging } from './request-logging.js';

/** A Fastify with Tally's logger and request logging, writing its lines where the test reads them. */
async function appLogging(level: 'log' | 'debug') {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>));
      done();
    },
  });
  const environment = validateEnvironment({ NODE_ENV: 'production', LOG_LEVEL: level });
  const app: FastifyInstance = fastify(fastifyObservabilityOptions(environment, createLogger(environment, stream)));
  installRequestLogging(app);
  app.post('/ledger/account/:id', (request, reply) => {
    request.log.warn({ token: 'tly_secret', nested: { password: 'hunter2' }, upstream: { headers: { authorization: 'Bearer tly_secret' } } }, 'careless');
    return reply.code(201).send({ ok: true });
  });
  app.get('/health', (_request, reply) => reply.send({ status: 'ok' }));
  await app.ready();
  return { app, lines };
}

describe('request logging', () => {
  it('writes one line per request: the request id first, then method, route, path, status, duration and principal', async () => {
    const { app, lines } = await appLogging('log');
    await app.inject({ method: 'POST', url: '/ledger/account/42?secret=no', headers: { 'x-request-id': 'req-1', authorization: 'Bearer tly_secret' } });
    const requestLines = lines.filter((line) => line.msg === 'request completed');
    expect(requestLines).toEqual([
      { level: 'info', time: expect.any(String), pid: process.pid, hostname: expect.any(String), request_id: 'req-1', method: 'POST', route: '/ledger/account/:id', path: '/ledger/account/42', status: 201, duration_ms: expect.any(Number), principal: null, principal_name: null, msg: 'request completed' },
    ]);
    // The order request.log's binding gave it, so the lines read as they always did.
    expect(Object.keys(requestLines[0])).toEqual(['level', 'time', 'pid', 'hostname', 'request_id', 'method', 'route', 'path', 'status', 'duration_ms', 'principal', 'principal_name', 'msg']);
    await app.close();
  });

  it('still redacts what the request logs itself', async () => {
    const { app, lines } = await appLogging('log');
    await app.inject({ method: 'POST', url: '/ledger/account/42', headers: { 'x-request-id': 'req-2' } });
    expect(JSON.stringify(lines)).not.toMatch(/tly_secret|hunter2/);
    expect(lines.find((line) => line.msg === 'careless')).toMatchObject({ request_id: 'req-2', token: '[redacted]', nested: { password: '[redacted]' }, upstream: { headers: { authorization: '[redacted]' } } });
    await app.close();
  });

  it('writes health checks at debug only', async () => {
    for (const [level, expected] of [['log', []], ['debug', [expect.objectContaining({ level: 'debug', route: '/health', status: 200 })]]] as const) {
      const { app, lines } = await appLogging(level);
      await app.inject({ url: '/health' });
      expect(lines.filter((line) => line.msg === 'request completed')).toEqual(expected);
      await app.close();
    }
  });
});
