import { createServer, type Server } from 'node:http';
import type { WebhookSettings } from '../webhook-settings.js';
import { WebhookSender } from './http-sender.js';

/** The sender against a real local server: what one attempt reports, and the address guard at connection time. */
describe('WebhookSender', () => {
  let server: Server;
  let port: number;
  const seen: { path: string; headers: Record<string, unknown>; body: string }[] = [];
  const answers: Record<string, (respond: (status: number, body?: string) => void) => void> = {
    '/ok': (respond) => respond(204),
    '/fail': (respond) => respond(503, `${'x'.repeat(300)}`),
    '/moved': (respond) => respond(302),
    '/slow': (respond) => setTimeout(() => respond(200), 1_000),
  };
  const sender = (allowPrivateUrls: boolean) => new WebhookSender({ allowPrivateUrls, timeoutMs: 300 } as WebhookSettings);

  beforeAll(async () => {
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        seen.push({ path: request.url!, headers: request.headers, body });
        answers[request.url!]((status, text) => (response.destroyed ? undefined : response.writeHead(status).end(text)));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as { port: number }).port;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('reports the status, the latency and, unless 2xx, why; it sends the body and headers as given', async () => {
    const allowed = sender(true);
    try {
      expect(await allowed.post(`http://127.0.0.1:${port}/ok`, '{"a":1}', { 'tally-event-id': 'e1' })).toEqual({ statusCode: 204, error: null, latencyMs: expect.any(Number) });
      expect(seen.at(-1)).toMatchObject({ body: '{"a":1}', headers: { 'tally-event-id': 'e1', 'content-type': 'application/json', 'content-length': '7' } });
      const failed = await allowed.post(`http://127.0.0.1:${port}/fail`, '{}', {});
      expect(failed.statusCode).toBe(503);
      expect(failed.error).toBe(`HTTP 503: ${'x'.repeat(200)}`);
      expect((await allowed.post(`http://127.0.0.1:${port}/moved`, '{}', {})).error).toBe('HTTP 302 (redirects are not followed)');
      const slow = await allowed.post(`http://127.0.0.1:${port}/slow`, '{}', {});
      expect(slow).toMatchObject({ statusCode: null, error: 'no answer within 300 ms' });
      expect(slow.latencyMs).toBeGreaterThanOrEqual(290);
      expect((await allowed.post('http://127.0.0.1:1/ok', '{}', {})).error).toMatch(/ECONNREFUSED/);
    } finally {
      allowed.onApplicationShutdown();
    }
  });

  it('never connects to a loopback address unless allowed: a literal one, or a name that resolves to one', async () => {
    const guarded = sender(false);
    const before = seen.length;
    try {
      expect((await guarded.post(`http://127.0.0.1:${port}/ok`, '{}', {})).error).toMatch(/^refused: 127\.0\.0\.1 is a loopback address/);
      expect((await guarded.post(`http://localhost:${port}/ok`, '{}', {})).error).toMatch(/^WEBHOOK_ADDRESS_REFUSED: localhost resolves to (127\.0\.0\.1|::1), a loopback address/);
      expect(seen.length).toBe(before);
    } finally {
      guarded.onApplicationShutdown();
    }
  });
});
