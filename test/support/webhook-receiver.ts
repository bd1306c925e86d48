import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import pg from 'pg';
import { eventually } from './poll.js';

/** One request as the receiver saw it, and what it answered. */
export interface ReceivedRequest {
  headers: IncomingHttpHeaders;
  body: string;
  /** The status it answered with (a slow answer may arrive after the sender gave up). */
  status: number;
  eventId: string;
  deliveryId: number;
}

/**
 * A webhook receiver in the test process (node:http on loopback) whose behaviour the test switches: `ok` answers
 * 204, `fail` answers 500, `slow` answers 204 only after `slowMs`; `stop()` takes it down (connections refused)
 * and `start()` brings it back on the same port.
 */
export class WebhookReceiver {
  mode: 'ok' | 'fail' | 'slow' = 'ok';
  slowMs = 1_000;
  readonly requests: ReceivedRequest[] = [];
  private server?: Server;
  private port = 0;

  get url(): string {
    return `http://127.0.0.1:${this.port}/hooks/tally`;
  }

  async start(): Promise<void> {
    const server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const mode = this.mode;
        const status = mode === 'fail' ? 500 : 204;
        const received = { headers: request.headers, body: Buffer.concat(chunks).toString('utf8'), status, eventId: String(request.headers['tally-event-id']), deliveryId: Number(request.headers['tally-delivery-id']) };
        this.requests.push(received);
        const answer = () => (response.destroyed ? undefined : response.writeHead(status).end(mode === 'fail' ? 'receiver says no' : undefined));
        if (mode === 'slow') setTimeout(answer, this.slowMs);
        else answer();
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as { port: number }).port;
    this.server = server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** The requests it answered 2xx, in arrival order. */
  accepted(): ReceivedRequest[] {
    return this.requests.filter((request) => request.status >= 200 && request.status < 300);
  }

  /** Waits until every one of `eventIds` has been answered 2xx at least once. */
  async acceptedAll(eventIds: readonly string[], timeoutMs = 20_000): Promise<void> {
    await eventually(async () => {
      const seen = new Set(this.accepted().map((request) => request.eventId));
      return eventIds.every((id) => seen.has(id)) ? true : undefined;
    }, timeoutMs);
  }
}

/**
 * The receiver's check exactly as docs/webhooks.md writes it, independently of src/: recompute
 * HMAC-SHA256(secret, "<t>.<raw body>") in hex, accept if any v1 matches, refuse a timestamp older than 5 minutes.
 */
export function documentedCheck(header: string | undefined, secret: string, rawBody: string, nowSeconds = Math.floor(Date.now() / 1000)): boolean {
  if (!header) return false;
  const fields = header.split(',').map((field) => field.split('='));
  const t = fields.find(([key]) => key === 't')?.[1];
  const candidates = fields.filter(([key]) => key === 'v1').map(([, value]) => value);
  if (!t || Math.abs(nowSeconds - Number(t)) > 300) return false;
  const expected = Buffer.from(createHmac('sha256', secret).update(`${t}.${rawBody}`).digest('hex'));
  return candidates.some((candidate) => candidate.length === expected.length && timingSafeEqual(Buffer.from(candidate), expected));
}

/**
 * Marks a suite's subscriptions deleted, on a connection of its own (Jest runs a suite's afterAll hooks in order, so
 * the app may be closed already): later suites' dispatchers must not deliver to a receiver that is gone.
 */
export async function deleteSubscriptions(ids: readonly string[], databaseUrl = process.env.DATABASE_URL): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`UPDATE webhook_subscriptions SET status = 'deleted', paused_at = NULL, paused_reason = NULL WHERE id = ANY ($1::uuid[])`, [ids]);
  } finally {
    await client.end();
  }
}
