import { ApiKeyStore } from '../../src/auth/api-key.store.js';
import { useTestApp } from '../support/test-app.js';

/** Keys made by the test itself are recorded in the admin audit under this actor. */
const testActor = { actor: 'test' };

/** Item 1 of "Hostile clients cannot stall, crash or confuse Tally": bounded work per request. */
describe('request limits (AUTH_REQUIRED=true, a valid ledger:write key)', () => {
  const context = useTestApp({ AUTH_REQUIRED: 'true' });
  const { http } = context;
  let writer: { Authorization: string };

  beforeAll(async () => {
    writer = { Authorization: `Bearer ${(await context.app.get(ApiKeyStore).create('limits-writer', ['ledger:read', 'ledger:write'], testActor)).key}` };
  });

  const manyKeys = (count: number) => Object.fromEntries(Array.from({ length: count }, (_, index) => [`k${index}`, index]));
  const postAccount = (body: unknown, headers: Record<string, string> = {}) =>
    http().post('/ledger/account/').set(writer).set(headers).set('Content-Type', 'application/json').send(typeof body === 'string' ? body : JSON.stringify(body));

  it('refuses 60,000 unknown fields before validation, with a short answer', async () => {
    const response = await postAccount({ currency: 'USD', type: 'user', ...manyKeys(60_000) }).expect(400);
    expect(response.body).toEqual({
      statusCode: 400,
      code: 'VALIDATION_FAILED',
      message: 'body: has more than 1000 object keys and array items',
      details: [{ field: 'body', message: 'has more than 1000 object keys and array items' }],
    });
    expect(response.text.length).toBeLessThan(512);
  });

  it('refuses 60,000 keys inside metadata the same way', async () => {
    const response = await postAccount({ currency: 'USD', type: 'user', metadata: manyKeys(60_000) }).expect(400);
    expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'body' }] });
    expect(response.text.length).toBeLessThan(512);
  });

  it('refuses 100,000 nested arrays in metadata sent with an Idempotency-Key (was a stack overflow)', async () => {
    const nested = '['.repeat(100_000) + ']'.repeat(100_000);
    const response = await postAccount(`{"currency":"USD","type":"user","metadata":{"deep":${nested}}}`, { 'Idempotency-Key': 'deep-1' }).expect(400);
    expect(response.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED', message: 'body: is nested more than 32 levels deep' });
  });

  it('names at most ten problems of a body under the limit, and counts the rest', async () => {
    const response = await postAccount({ currency: 'USD', type: 'user', ...manyKeys(500) }).expect(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    expect(response.body.details).toHaveLength(10);
    expect(response.body.message).toMatch(/\(and 490 more problems\)$/);
    expect(response.text.length).toBeLessThan(2048);
  });

  it('still accepts an ordinary body and keeps the existing JSON errors', async () => {
    await postAccount({ currency: 'USD', type: 'user', metadata: { a: [1, 2, { b: 'c' }] } }).expect(201);
    expect((await postAccount('{"currency":').expect(400)).body.code).toBe('MALFORMED_JSON');
    expect((await postAccount('{"currency":"USD","type":"user","__proto__":{"admin":true}}').expect(400)).body.code).toMatch(/MALFORMED_JSON|VALIDATION_FAILED/);
  });

  it('refuses urlencoded forms (415), which would go around the JSON limits', async () => {
    const fields = Array.from({ length: 60_000 }, (_, index) => `k${index}=${index}`).join('&');
    for (const body of ['currency=USD&type=user', `currency=USD&type=user&${fields}`]) {
      const response = await http().post('/ledger/account/').set(writer).set('Content-Type', 'application/x-www-form-urlencoded').send(body).expect(415);
      expect(response.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    }
  });

  it('refuses a body without a credential with 401 and closes the connection', async () => {
    const response = await http().post('/ledger/account/').set('Content-Type', 'application/json').send(JSON.stringify({ currency: 'USD', type: 'user', ...manyKeys(60_000) })).expect(401);
    expect(response.body.code).toBe('UNAUTHENTICATED');
    expect(response.headers.connection).toBe('close');
    expect(response.headers['www-authenticate']).toMatch(/^Bearer/);
    const unknownKey = await http().post('/ledger/transfer/').set('Authorization', `Bearer tly_${'0'.repeat(32)}_${'A'.repeat(43)}`).send({}).expect(401);
    expect(unknownKey.body.code).toBe('UNAUTHENTICATED');
  });
});
