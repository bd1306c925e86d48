import { SignJWT } from 'jose';
import { ApiKeyStore } from '../../src/auth/api-key.store.js';
import type { Scope } from '../../src/auth/scopes.js';
import { useTestApp } from '../support/test-app.js';

/** Keys made by the test itself are recorded in the admin audit under this actor. */
const testActor = { actor: 'test' };

const jwtSecret = 'identity-secret-that-is-at-least-32-characters';

/** Items 5 and 6 of "Hostile clients cannot stall, crash or confuse Tally". */
describe('identity by key id, strict JWT claims, refusals within the caller scopes', () => {
  const context = useTestApp({ AUTH_REQUIRED: 'true', JWT_SECRET: jwtSecret });
  const { http } = context;
  const as = (key: string) => ({ Authorization: `Bearer ${key}` });
  const createKey = async (name: string, scopes: Scope[]) => (await context.app.get(ApiKeyStore).create(name, scopes, testActor)).key;
  let admin: string;
  let funded: string;
  let other: string;

  beforeAll(async () => {
    admin = await createKey('identity-admin', ['admin']);
    const open = async (body: Record<string, unknown>) => (await http().post('/ledger/account/').set(as(admin)).send({ type: 'user', ...body }).expect(201)).body.id as string;
    const float = await open({ currency: 'USD', type: 'internal', allow_overdraft: true });
    funded = await open({ currency: 'USD' });
    other = await open({ currency: 'USD' });
    await http().post('/ledger/transfer/').set(as(admin)).send({ source_account_id: float, destination_account_id: funded, amount: '450.00', currency: 'USD' }).expect(201);
  });

  describe('a write-only key learns the rule, not the balance or the currency', () => {
    it('INSUFFICIENT_FUNDS without the balance for ledger:write, with it for ledger:read', async () => {
      const writeOnly = await createKey('write-only', ['ledger:write']);
      const body = { source_account_id: funded, destination_account_id: other, amount: '999999999', currency: 'USD' };
      const refused = await http().post('/ledger/transfer/').set(as(writeOnly)).send(body).expect(422);
      expect(refused.body).toEqual({ statusCode: 422, code: 'INSUFFICIENT_FUNDS', message: `Account ${funded} cannot cover 999999999.00 USD` });
      expect(refused.text).not.toContain('450');
      const readWrite = await createKey('read-write', ['ledger:read', 'ledger:write']);
      expect((await http().post('/ledger/transfer/').set(as(readWrite)).send(body).expect(422)).body.message).toContain('has 450.00 USD');
    });

    it('CURRENCY_MISMATCH without the account currency for ledger:write', async () => {
      const writeOnly = await createKey('write-only-2', ['ledger:write']);
      const euros = (await http().post('/ledger/account/').set(as(admin)).send({ currency: 'EUR', type: 'user' }).expect(201)).body.id;
      const refused = await http().post('/ledger/transfer/').set(as(writeOnly)).send({ source_account_id: funded, destination_account_id: euros, amount: '1.00', currency: 'USD' }).expect(422);
      expect(refused.body.code).toBe('CURRENCY_MISMATCH');
      expect(refused.body.message).not.toContain('EUR');
      expect((await http().post('/ledger/transfer/').set(as(admin)).send({ source_account_id: funded, destination_account_id: euros, amount: '1.00', currency: 'USD' }).expect(422)).body.message).toContain('EUR');
    });
  });

  it('a new key under a revoked key name is a new principal: no replay of the old responses, its own actor', async () => {
    const store = context.app.get(ApiKeyStore);
    const first = await createKey('payments', ['ledger:read', 'ledger:write']);
    const body = { source_account_id: funded, destination_account_id: other, amount: '1.00', currency: 'USD' };
    const original = await http().post('/ledger/transfer/').set(as(first)).set('Idempotency-Key', 'order-42').send(body).expect(201);
    await store.revoke({ name: 'payments' }, testActor);
    const second = await createKey('payments', ['ledger:read', 'ledger:write']);
    const fresh = await http().post('/ledger/transfer/').set(as(second)).set('Idempotency-Key', 'order-42').send(body).expect(201);
    expect(fresh.body.id).not.toBe(original.body.id);
    const actors = await Promise.all(
      [original, fresh].map(async (transfer) => (await http().get(`/ledger/events/?transfer_id=${transfer.body.id}`).set(as(admin)).expect(200)).body.data[0].metadata),
    );
    expect(actors[0].actor).not.toBe(actors[1].actor);
    expect(actors.map((metadata) => metadata.actor_name)).toEqual(['payments', 'payments']);
    expect(actors[0].actor).toMatch(/^key:[0-9a-f-]{36}$/);
  });

  describe('JWT claims', () => {
    const now = Math.floor(Date.now() / 1000);
    const sign = (claims: Record<string, unknown>) => new SignJWT({ scope: 'ledger:read', ...claims }).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(jwtSecret));

    it.each([
      ['sub: 12345', { sub: 12345, iat: now, exp: now + 300 }],
      ['sub: {"a":1}', { sub: { a: 1 }, iat: now, exp: now + 300 }],
      ['exp ten years ahead', { sub: 'svc', iat: now, exp: now + 10 * 365 * 86_400 }],
      ['iat in the future', { sub: 'svc', iat: now + 3_600, exp: now + 7_200 }],
      ['no iat', { sub: 'svc', exp: now + 300 }],
      ['iat two days ago', { sub: 'svc', iat: now - 2 * 86_400, exp: now + 300 }],
    ])('refuses a token with %s (401)', async (_name, claims) => {
      const response = await http().get('/ledger/account/').set(as(await sign(claims))).expect(401);
      expect(response.body.code).toBe('UNAUTHENTICATED');
    });

    it('accepts a string sub, a past iat and a lifetime within a day', async () => {
      await http().get('/ledger/account/').set(as(await sign({ sub: 'svc', iat: now - 60, exp: now + 3_600 }))).expect(200);
    });
  });
});
