import { createHash } from 'node:crypto';
import { SignJWT } from 'jose';
import { DataSource } from 'typeorm';
import { ApiKeyStore } from '../../src/auth/api-key.store.js';
import type { Scope } from '../../src/auth/scopes.js';
import { runCli } from '../support/run-cli.js';
import { useTestApp } from '../support/test-app.js';

const testActor = { actor: 'test-suite' };

const jwtSecret = 'test-secret-that-is-at-least-32-characters-long';
const env = { AUTH_REQUIRED: 'true', JWT_SECRET: jwtSecret };

const sign = (claims: Record<string, unknown>, secret = jwtSecret, expiresIn = '5m') =>
  new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setIssuedAt().setExpirationTime(expiresIn).sign(new TextEncoder().encode(secret));

describe('authentication and authorisation (AUTH_REQUIRED=true)', () => {
  const context = useTestApp(env);
  const { http } = context;
  const keys: Record<string, string> = {};
  const as = (key: string) => ({ Authorization: `Bearer ${key}` });

  const createKey = async (name: string, scopes: Scope[]) => (await context.app.get(ApiKeyStore).create(name, scopes, testActor)).key;

  beforeAll(async () => {
    keys.reader = await createKey('reader', ['ledger:read']);
    keys.writer = await createKey('writer', ['ledger:read', 'ledger:write']);
    keys.recon = await createKey('recon-reader', ['recon:read']);
    const created = await runCli(['create-api-key', '--name', 'root', '--scopes', 'admin'], env);
    expect(created.code).toBe(0);
    keys.admin = created.stdout.trimEnd().split('\n').at(-1)!;
  }, 30_000);

  const openAccount = (key: string, body: Record<string, unknown> = {}) => http().post('/ledger/account/').set(as(key)).send({ currency: 'USD', type: 'user', ...body });

  it('answers 401 UNAUTHENTICATED without a key, with a malformed or unknown one, and through the error filter', async () => {
    const missing = await http().get('/ledger/account/').expect(401);
    expect(missing.body).toEqual({ statusCode: 401, code: 'UNAUTHENTICATED', message: expect.stringContaining('Bearer') });
    expect(missing.headers['www-authenticate']).toMatch(/^Bearer/);
    const wrongSecret = keys.reader.slice(0, -4) + (keys.reader.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    for (const authorization of ['Bearer', 'Basic dXNlcjpwYXNz', `Bearer ${wrongSecret}`, 'Bearer tly_not_a_key', `Bearer ${keys.reader}x`]) {
      const response = await http().get('/ledger/account/').set('Authorization', authorization).expect(401);
      expect(response.body.code).toBe('UNAUTHENTICATED');
    }
    expect((await http().post('/ledger/transfer/').send({}).expect(401)).body.code).toBe('UNAUTHENTICATED');
    expect((await http().get('/recon/jobs').expect(401)).body.code).toBe('UNAUTHENTICATED');
  });

  it('answers 403 FORBIDDEN naming the scope when the key lacks it', async () => {
    const refused = await http().post('/ledger/transfer/').set(as(keys.reader)).send({ source_account_id: 'x' }).expect(403);
    expect(refused.body).toEqual({ statusCode: 403, code: 'FORBIDDEN', message: expect.stringContaining('ledger:write') });
    expect((await openAccount(keys.reader).expect(403)).body.message).toContain('ledger:write');
    expect((await http().get('/recon/jobs').set(as(keys.reader)).expect(403)).body.message).toContain('recon:read');
    expect((await http().get('/ledger/events/').set(as(keys.recon)).expect(403)).body.message).toContain('ledger:read');
    expect((await http().post('/recon/run').set(as(keys.recon)).send({}).expect(403)).body.message).toContain('recon:run');
    expect((await http().get('/admin/verify').set(as(keys.writer)).expect(403)).body.message).toContain('admin');
    expect((await http().get('/admin/verify').expect(401)).body.code).toBe('UNAUTHENTICATED');
  });

  it('lets a key with the scope through, and admin everywhere', async () => {
    const account = (await openAccount(keys.writer).expect(201)).body.id;
    await http().get(`/ledger/account/${account}`).set(as(keys.reader)).expect(200);
    await http().get('/ledger/account/').set(as(keys.reader)).expect(200);
    await http().get('/recon/jobs').set(as(keys.recon)).expect(200);

    const float = (await openAccount(keys.admin, { type: 'internal', allow_overdraft: true }).expect(201)).body.id;
    const transfer = await http().post('/ledger/transfer/').set(as(keys.admin)).send({ source_account_id: float, destination_account_id: account, amount: '5', currency: 'USD' }).expect(201);
    await http().get(`/ledger/transfer/${transfer.body.id}`).set(as(keys.admin)).expect(200);
    await http().get(`/ledger/events/?transfer_id=${transfer.body.id}`).set(as(keys.admin)).expect(200);
    await http().get('/recon/jobs').set(as(keys.admin)).expect(200);
    expect((await http().get('/admin/verify').set(as(keys.admin)).expect(200)).body.ok).toBe(true);
    // Past the guard: the body is what is refused now.
    expect((await http().post('/recon/run').set(as(keys.admin)).send({}).expect(400)).body.code).toBe('VALIDATION_FAILED');
  });

  it('keeps /health and the documentation open, and documents the bearer scheme', async () => {
    await http().get('/health').expect(200);
    await http().get('/redoc').expect(200);
    expect((await http().get('/docs').redirects(1)).status).toBe(200);
    const document = (await http().get('/docs-json').expect(200)).body;
    expect(document.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(document.paths['/ledger/transfer'].post.security).toEqual([{ bearer: [] }]);
    expect(document.paths['/ledger/transfer'].post.responses['403'].description).toContain('ledger:write');
    expect(document.paths['/ledger/transfer/{id}'].get.responses['403'].description).toContain('ledger:read');
    expect(document.paths['/health'].get.security).toEqual([]);
  });

  /** `key:<id>`, the principal of an API key; the id is the key's first part (`tly_<id hex>_<secret>`). */
  const principalOf = (key: string) => `key:${key.slice(4, 36).replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5')}`;

  it('records the key id as the actor of every event a request writes, and its name as a label', async () => {
    const source = (await openAccount(keys.writer, { type: 'internal', allow_overdraft: true }).expect(201)).body.id;
    const destination = (await openAccount(keys.admin).expect(201)).body.id;
    const transfer = await http().post('/ledger/transfer/').set(as(keys.writer)).send({ source_account_id: source, destination_account_id: destination, amount: '1', currency: 'USD' }).expect(201);
    const events = await http().get(`/ledger/events/?transfer_id=${transfer.body.id}`).set(as(keys.reader)).expect(200);
    expect(events.body.data.map((event: { metadata: Record<string, string> }) => [event.metadata.actor, event.metadata.actor_name])).toEqual([
      [principalOf(keys.writer), 'writer'],
      [principalOf(keys.writer), 'writer'],
    ]);
    const opened = await http().get(`/ledger/events/?account_id=${destination}&type=AccountOpened`).set(as(keys.reader)).expect(200);
    expect(opened.body.data[0].metadata).toMatchObject({ actor: principalOf(keys.admin), actor_name: 'root' });
  });

  it('scopes Idempotency-Key per principal, so two clients with the same key do not share a response', async () => {
    const body = { currency: 'USD', type: 'user' };
    const first = await http().post('/ledger/account/').set(as(keys.writer)).set('Idempotency-Key', 'same-key').send(body).expect(201);
    const replay = await http().post('/ledger/account/').set(as(keys.writer)).set('Idempotency-Key', 'same-key').send(body).expect(201);
    const other = await http().post('/ledger/account/').set(as(keys.admin)).set('Idempotency-Key', 'same-key').send(body).expect(201);
    expect(replay.body.id).toBe(first.body.id);
    expect(other.body.id).not.toBe(first.body.id);
  });

  it('accepts a JWT with the scope (actor jwt:<sub>) and refuses a bad signature, an expired token or a missing scope', async () => {
    const token = await sign({ sub: 'alice', scope: 'ledger:read ledger:write' });
    const created = await openAccount(token).expect(201);
    const events = await http().get(`/ledger/events/?account_id=${created.body.id}`).set('Authorization', `Bearer ${token}`).expect(200);
    expect(events.body.data[0].metadata.actor).toBe('jwt:alice');
    await http().get('/recon/jobs').set(as(await sign({ sub: 'bob', scope: ['recon:read'] }))).expect(200);

    const forged = await sign({ sub: 'alice', scope: 'admin' }, 'another-secret-that-is-also-32-characters-long');
    expect((await http().get('/ledger/account/').set(as(forged)).expect(401)).body.code).toBe('UNAUTHENTICATED');
    expect((await http().get('/ledger/account/').set(as(await sign({ sub: 'alice', scope: 'admin' }, jwtSecret, '-1m'))).expect(401)).body.code).toBe('UNAUTHENTICATED');
    expect((await http().get('/ledger/account/').set(as(await sign({ scope: 'admin' }))).expect(401)).body.code).toBe('UNAUTHENTICATED');
    const [header, payload] = token.split('.');
    expect((await http().get('/ledger/account/').set(as(`${header}.${payload}.`)).expect(401)).body.code).toBe('UNAUTHENTICATED');
    expect((await http().post('/recon/run').set(as(token)).send({}).expect(403)).body.message).toContain('recon:run');
  });

  it('stores only a hash of each key, never the key', async () => {
    const rows: { row: string; key_hash: Buffer; prefix: string }[] = await context.app.get(DataSource).query(
      `SELECT row_to_json(k)::text AS row, key_hash, prefix FROM api_keys k WHERE name = 'reader' AND revoked_at IS NULL`,
    );
    expect(rows).toHaveLength(1);
    const secret = keys.reader.split('_').slice(2).join('_');
    expect(rows[0].row).not.toContain(keys.reader);
    expect(rows[0].row).not.toContain(secret);
    expect(rows[0].row).not.toContain(Buffer.from(secret).toString('hex'));
    expect(rows[0].key_hash.equals(createHash('sha256').update(keys.reader).digest())).toBe(true);
    expect(keys.reader.startsWith(rows[0].prefix)).toBe(true);
  });

  it('creates keys from the CLI with the key alone on the last line, and revokes them', async () => {
    const created = await runCli(['create-api-key', '--name', 'ci-bot', '--scopes', 'ledger:read,recon:read'], env);
    expect(created.code).toBe(0);
    const lines = created.stdout.trimEnd().split('\n');
    expect(lines.length).toBeGreaterThan(1);
    const key = lines.at(-1)!;
    expect(key).toMatch(/^tly_[0-9a-f]{32}_[A-Za-z0-9_-]{43}$/);
    await http().get('/ledger/account/').set(as(key)).expect(200);

    const revoked = await runCli(['revoke-api-key', '--name', 'ci-bot'], env);
    expect(revoked.code).toBe(0);
    expect((await http().get('/ledger/account/').set(as(key)).expect(401)).body.code).toBe('UNAUTHENTICATED');
    // The name is free again once its key is revoked.
    expect((await runCli(['create-api-key', '--name', 'ci-bot', '--scopes', 'ledger:read'], env)).code).toBe(0);
  }, 60_000);

  it('refuses names that could pose as another principal, taken names, and malformed ids', async () => {
    const store = context.app.get(ApiKeyStore);
    await expect(store.create('jwt:alice', ['admin'], testActor)).rejects.toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining('--name') });
    await expect(store.create(' reader', ['admin'], testActor)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(store.create('reader', ['admin'], testActor)).rejects.toMatchObject({ code: 'API_KEY_NAME_TAKEN' });
    await expect(store.revoke({ id: 'not-a-uuid' }, testActor)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(store.revoke({}, testActor)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('revokes by id through the store, after which the key is refused', async () => {
    const created = await context.app.get(ApiKeyStore).create('short-lived', ['ledger:read'], testActor);
    await http().get('/ledger/account/').set(as(created.key)).expect(200);
    await context.app.get(ApiKeyStore).revoke({ id: created.id }, testActor);
    expect((await http().get('/ledger/account/').set(as(created.key)).expect(401)).body.code).toBe('UNAUTHENTICATED');
  });

  it('refuses bad CLI input with a message and a non-zero exit', async () => {
    const cases: [string[], RegExp][] = [
      [['create-api-key', '--name', 'x', '--scopes', 'ledger:read,ledger:delete'], /unknown scope ledger:delete/],
      [['create-api-key', '--scopes', 'ledger:read'], /--name: is required/],
      [['revoke-api-key', '--name', 'nobody'], /No active API key/],
    ];
    // Concurrently: each CLI run starts a Nest context, which takes a couple of seconds.
    const results = await Promise.all(cases.map(([args]) => runCli(args, env)));
    results.forEach((result, i) => {
      expect({ args: cases[i][0], code: result.code === 0 ? 0 : 'non-zero' }).toEqual({ args: cases[i][0], code: 'non-zero' });
      expect(result.stderr).toMatch(cases[i][1]);
    });
  }, 60_000);
});
