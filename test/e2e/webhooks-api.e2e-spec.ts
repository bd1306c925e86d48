import { DataSource } from 'typeorm';
import { ApiKeyStore } from '../../src/auth/api-key.store.js';
import { runCli } from '../support/run-cli.js';
import { useTestApp } from '../support/test-app.js';
import { deleteSubscriptions } from '../support/webhook-receiver.js';

/**
 * Managing subscriptions over the API and the CLI, with the production defaults: authentication on, and URLs that
 * resolve to loopback, private or link-local addresses refused. 203.0.113.0/24 (TEST-NET-3) is public to the
 * policy and routes nowhere; these subscriptions ask only for recon.job.failed and are deleted at the end.
 */
describe('webhook subscriptions over the API and the CLI', () => {
  const context = useTestApp({ AUTH_REQUIRED: 'true', WEBHOOK_ALLOW_PRIVATE_URLS: 'false', RETENTION_SWEEP_INTERVAL_SECONDS: '0', VERIFY_INTERVAL_SECONDS: '0' });
  const { http } = context;
  const keys: Record<string, string> = {};
  const as = (key: string) => ({ Authorization: `Bearer ${key}` });
  const created: string[] = [];
  const create = (body: Record<string, unknown>) => http().post('/webhooks/subscriptions').set(as(keys.admin)).send(body);

  beforeAll(async () => {
    const store = context.app.get(ApiKeyStore);
    keys.admin = (await store.create(`hooks-admin-${Date.now()}`, ['admin'], { actor: 'test-suite' })).key;
    keys.writer = (await store.create(`hooks-writer-${Date.now()}`, ['ledger:read', 'ledger:write'], { actor: 'test-suite' })).key;
  });
  afterAll(() => deleteSubscriptions(created));

  it('needs the admin scope', async () => {
    expect((await http().get('/webhooks/subscriptions').expect(401)).body.code).toBe('UNAUTHENTICATED');
    expect((await http().post('/webhooks/subscriptions').set(as(keys.writer)).send({}).expect(403)).body.message).toContain('admin');
  });

  it.each([
    ['http://127.0.0.1:8080/hook', '127.0.0.1 is a loopback address'],
    ['http://localhost:8080/hook', 'localhost resolves to'],
    ['http://[::1]/hook', '::1 is a loopback address'],
    ['http://10.0.3.7/hook', '10.0.3.7 is a private address'],
    ['https://192.168.1.20/hook', '192.168.1.20 is a private address'],
    ['http://169.254.169.254/latest/meta-data', '169.254.169.254 is a link-local address'],
    ['http://[fe80::1]/hook', 'fe80::1 is a link-local address'],
    ['http://2130706433/hook', '127.0.0.1 is a loopback address'],
    ['http://[::ffff:10.0.0.1]/hook', 'a private address'],
  ])('refuses %s (422 WEBHOOK_URL_REFUSED)', async (url, reason) => {
    const response = await create({ url, event_types: ['transfer.posted'] }).expect(422);
    expect(response.body).toMatchObject({ code: 'WEBHOOK_URL_REFUSED', details: [{ field: 'url' }] });
    expect(response.body.message).toContain(reason);
  });

  it('refuses malformed requests with 400 VALIDATION_FAILED naming the field', async () => {
    for (const [body, field] of [
      [{ url: 'ftp://203.0.113.5/', event_types: ['transfer.posted'] }, 'url'],
      [{ url: 'https://user:pw@203.0.113.5/', event_types: ['transfer.posted'] }, 'url'],
      [{ url: 'https://203.0.113.5/', event_types: ['transfer.created'] }, 'event_types'],
      [{ url: 'https://203.0.113.5/', event_types: [] }, 'event_types'],
      [{ url: 'https://203.0.113.5/', event_types: ['transfer.posted'], secret: 'short' }, 'secret'],
      [{ url: 'https://203.0.113.5/', event_types: ['transfer.posted'], extra: 1 }, 'extra'],
    ] as const) {
      const response = await create(body).expect(400);
      expect({ field, code: response.body.code, fields: response.body.details.map((detail: { field: string }) => detail.field) }).toEqual({ field, code: 'VALIDATION_FAILED', fields: expect.arrayContaining([field]) });
    }
  });

  it('creates (showing the secret once), reads, lists, changes, pauses, resumes and deletes, each audited', async () => {
    const first = (await create({ url: 'https://203.0.113.5/hooks?token=abc', event_types: ['recon.job.failed'], description: ' ops ' }).expect(201)).body;
    created.push(first.id);
    expect(first).toMatchObject({ status: 'active', description: 'ops', event_types: ['recon.job.failed'], secret: expect.stringMatching(/^whsec_[A-Za-z0-9_-]{43}$/) });
    expect(first.secret.startsWith(first.secret_prefix.replace('...', ''))).toBe(true);
    const read = (await http().get(`/webhooks/subscriptions/${first.id}`).set(as(keys.admin)).expect(200)).body;
    expect(read.secret).toBeUndefined();
    expect(JSON.stringify(read)).not.toContain(first.secret);

    const chosen = 'a-secret-the-receiver-chose-0123456789';
    const second = (await create({ url: 'https://203.0.113.6/', event_types: ['recon.job.failed'], secret: chosen }).expect(201)).body;
    created.push(second.id);
    expect(second.secret).toBe(chosen);
    const page = (await http().get('/webhooks/subscriptions?limit=1').set(as(keys.admin)).expect(200)).body;
    expect(page.data).toHaveLength(1);
    const rest = (await http().get(`/webhooks/subscriptions?limit=500&cursor=${page.next_cursor}`).set(as(keys.admin)).expect(200)).body;
    expect([...page.data, ...rest.data].map((row: { id: string }) => row.id)).toEqual(expect.arrayContaining([first.id, second.id]));
    await http().get('/webhooks/subscriptions?cursor=forged').set(as(keys.admin)).expect(400);

    const changed = (await http().patch(`/webhooks/subscriptions/${first.id}`).set(as(keys.admin)).send({ event_types: ['recon.job.failed', 'recon.job.completed'], description: null }).expect(200)).body;
    expect(changed).toMatchObject({ event_types: ['recon.job.failed', 'recon.job.completed'], description: null, url: 'https://203.0.113.5/hooks?token=abc' });
    expect((await http().patch(`/webhooks/subscriptions/${first.id}`).set(as(keys.admin)).send({ url: 'http://10.9.9.9/' }).expect(422)).body.code).toBe('WEBHOOK_URL_REFUSED');
    const rotated = (await http().post(`/webhooks/subscriptions/${first.id}/rotate-secret`).set(as(keys.admin)).expect(200)).body;
    expect(rotated.secret).not.toBe(first.secret);
    // The default overlap is a day: the previous secret signs alongside the new one until then.
    expect(Date.parse(rotated.previous_secret_expires_at) - Date.now()).toBeGreaterThan(86_400_000 - 60_000);
    expect((await http().post(`/webhooks/subscriptions/${first.id}/rotate-secret`).set(as(keys.admin)).send({ overlap_seconds: 604_801 }).expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect((await http().post(`/webhooks/subscriptions/${first.id}/pause`).set(as(keys.admin)).expect(200)).body.status).toBe('paused');
    expect((await http().post(`/webhooks/subscriptions/${first.id}/resume`).set(as(keys.admin)).expect(200)).body.status).toBe('active');
    expect((await http().delete(`/webhooks/subscriptions/${second.id}`).set(as(keys.admin)).expect(200)).body.status).toBe('deleted');
    const active = (await http().get('/webhooks/subscriptions?limit=500').set(as(keys.admin)).expect(200)).body.data.map((row: { id: string }) => row.id);
    expect(active).not.toContain(second.id);
    expect((await http().get('/webhooks/subscriptions?status=deleted&limit=500').set(as(keys.admin)).expect(200)).body.data.map((row: { id: string }) => row.id)).toContain(second.id);

    const audit: { action: string; actor: string; target_name: string }[] = await context.app.get(DataSource).query(
      `SELECT action, actor, target_name FROM admin_audit WHERE target_id = $1 ORDER BY id`,
      [first.id],
    );
    expect(audit.map((row) => row.action)).toEqual(['webhook_subscription.created', 'webhook_subscription.changed', 'webhook_subscription.secret_rotated', 'webhook_subscription.paused', 'webhook_subscription.resumed']);
    expect(audit.every((row) => row.actor.startsWith('hooks-admin-') && row.target_name === 'https://203.0.113.5/hooks?...')).toBe(true);
  });

  it('answers 404 for unknown ids and 400 for malformed ones', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect((await http().get(`/webhooks/subscriptions/${unknown}`).set(as(keys.admin)).expect(404)).body.code).toBe('WEBHOOK_SUBSCRIPTION_NOT_FOUND');
    expect((await http().post(`/webhooks/subscriptions/${unknown}/pause`).set(as(keys.admin)).expect(404)).body.code).toBe('WEBHOOK_SUBSCRIPTION_NOT_FOUND');
    expect((await http().get(`/webhooks/subscriptions/${unknown}/deliveries`).set(as(keys.admin)).expect(404)).body.code).toBe('WEBHOOK_SUBSCRIPTION_NOT_FOUND');
    expect((await http().get('/webhooks/deliveries/999999999999').set(as(keys.admin)).expect(404)).body.code).toBe('WEBHOOK_DELIVERY_NOT_FOUND');
    expect((await http().post('/webhooks/deliveries/999999999999/replay').set(as(keys.admin)).expect(404)).body.code).toBe('WEBHOOK_DELIVERY_NOT_FOUND');
    for (const path of ['/webhooks/subscriptions/nope', '/webhooks/deliveries/abc', '/webhooks/deliveries/0', '/webhooks/deliveries/1234567890123456789']) {
      expect((await http().get(path).set(as(keys.admin)).expect(400)).body.code).toBe('VALIDATION_FAILED');
    }
  });

  it('is managed from the CLI too: private URLs refused, the secret on the last line, pause, rotate, list, delete', async () => {
    const refused = await runCli(['webhooks:create', '--url', 'http://127.0.0.1:9/hook', '--event_types', 'transfer.posted']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('url: 127.0.0.1 is a loopback address');

    const made = await runCli(['webhooks:create', '--url', 'https://203.0.113.7/cli', '--event-types', 'recon.job.failed', '--description', 'from the cli']);
    expect(made.code).toBe(0);
    const lines = made.stdout.trim().split('\n');
    const id = /subscription ([0-9a-f-]{36})/.exec(lines[0])![1];
    created.push(id);
    expect(lines.at(-1)).toMatch(/^whsec_/);

    expect((await runCli(['webhooks:pause', '--id', id])).stdout).toContain(`${id}: paused (paused by cli:`);
    const rotated = await runCli(['webhooks:rotate-secret', '--id', id, '--overlap_seconds', '60']);
    expect(rotated.stdout.trim().split('\n').at(-1)).toMatch(/^whsec_/);
    expect(rotated.stdout.trim().split('\n').at(-1)).not.toBe(lines.at(-1));
    const listed = await runCli(['webhooks:list']);
    expect(listed.stdout).toMatch(new RegExp(`${id}\\s+paused\\s+https://203.0.113.7/cli\\s+recon.job.failed`));
    expect((await runCli(['webhooks:delete', '--id', id])).stdout).toContain(`${id}: deleted`);
    // Refused while parsing, before any database work.
    expect((await runCli(['webhooks:replay', '--id', id])).stderr).toContain('--from_ledger_position');
    const audit: { action: string; actor: string }[] = await context.app.get(DataSource).query(`SELECT action, actor FROM admin_audit WHERE target_id = $1 ORDER BY id`, [id]);
    expect(audit.map((row) => row.action)).toEqual(['webhook_subscription.created', 'webhook_subscription.paused', 'webhook_subscription.secret_rotated', 'webhook_subscription.deleted']);
    expect(audit.every((row) => row.actor.startsWith('cli:'))).toBe(true);
  }, 150_000);
});
