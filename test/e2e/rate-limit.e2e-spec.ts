import { ApiKeyStore } from '../../src/auth/api-key.store.js';
import { useTestApp } from '../support/test-app.js';

const testActor = { actor: 'test-suite' };

const limits = (response: { headers: Record<string, string> }) => ({
  limit: response.headers['ratelimit-limit'],
  remaining: response.headers['ratelimit-remaining'],
  retryAfter: response.headers['retry-after'],
});

// Configuration is read once per file, so one app serves every case; with TRUST_PROXY each case comes
// from an address of its own (X-Forwarded-For). Without TRUST_PROXY: hardening.e2e-spec.ts.
describe('rate limits: per client address before authentication, per principal after it', () => {
  const context = useTestApp({ AUTH_REQUIRED: 'true', RATE_LIMIT_PER_ADDRESS_PER_MINUTE: '10', RATE_LIMIT_PER_MINUTE: '4', TRUST_PROXY: 'true' });
  const { http } = context;
  const keys: Record<string, string> = {};
  const badKeys = (from: string) => http().get('/ledger/account/').set('Authorization', 'Bearer tly_not_a_key').set('X-Forwarded-For', from);

  beforeAll(async () => {
    const store = context.app.get(ApiKeyStore);
    keys.first = (await store.create(`limited-first-${Date.now()}`, ['ledger:read'], testActor)).key;
    keys.second = (await store.create(`limited-second-${Date.now()}`, ['ledger:read'], testActor)).key;
  });

  it('limits a flood of bad keys: 10 answers of 401, then 429 RATE_LIMITED with Retry-After, never the probes', async () => {
    const responses = [];
    for (let i = 0; i < 12; i++) responses.push(await badKeys('198.51.100.1'));
    expect(responses.map((response) => response.status)).toEqual([401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 429, 429]);
    expect(responses.slice(0, 10).map((response) => limits(response))).toEqual(
      [9, 8, 7, 6, 5, 4, 3, 2, 1, 0].map((remaining) => ({ limit: '10', remaining: String(remaining), retryAfter: undefined })),
    );
    const refused = responses[11];
    expect(refused.body).toEqual({ statusCode: 429, code: 'RATE_LIMITED', message: expect.stringMatching(/^Too many requests; retry in \d+ s$/) });
    expect(limits(refused)).toEqual({ limit: '10', remaining: '0', retryAfter: expect.stringMatching(/^\d+$/) });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(refused.headers['ratelimit-reset']).toBe(refused.headers['retry-after']);
    expect(refused.headers['x-request-id']).toBeDefined();
    await http().get('/health').set('X-Forwarded-For', '198.51.100.1').expect(200);
  });

  it('counts the client address X-Forwarded-For names (TRUST_PROXY)', async () => {
    for (let i = 0; i < 11; i++) await badKeys('198.51.100.3');
    await badKeys('198.51.100.3').expect(429);
    await badKeys('198.51.100.4').expect(401);
  });

  it('counts each key on its own after authentication, and shows the tighter of the two limits', async () => {
    const asFirst = () => http().get('/ledger/account/').set('Authorization', `Bearer ${keys.first}`).set('X-Forwarded-For', '198.51.100.2');
    const responses = [];
    for (let i = 0; i < 5; i++) responses.push(await asFirst());
    expect(responses.map((response) => response.status)).toEqual([200, 200, 200, 200, 429]);
    // The address allows 10 and the key 4: the key's remaining is the one shown.
    expect(responses.slice(0, 4).map((response) => limits(response))).toEqual(
      [3, 2, 1, 0].map((remaining) => ({ limit: '4', remaining: String(remaining), retryAfter: undefined })),
    );
    expect(responses[4].body).toMatchObject({ statusCode: 429, code: 'RATE_LIMITED' });
    expect(limits(responses[4])).toEqual({ limit: '4', remaining: '0', retryAfter: expect.stringMatching(/^\d+$/) });
    // Same address, another key: its own four requests (the address has used 6 of its 10).
    const other = await http().get('/ledger/account/').set('Authorization', `Bearer ${keys.second}`).set('X-Forwarded-For', '198.51.100.2').expect(200);
    expect(limits(other)).toEqual({ limit: '4', remaining: '3', retryAfter: undefined });
  });
});
