import { useTestApp } from '../support/test-app.js';

describe('HTTP hardening', () => {
  const { http, ledger } = useTestApp({ RATE_LIMIT_PER_MINUTE: '25', CORS_ORIGINS: 'https://ops.example.com' });

  it('sends security headers', async () => {
    const response = await http().get('/health').expect(200);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-frame-options']).toBeDefined();
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['strict-transport-security']).toBeDefined();
  });

  it('allows CORS only for configured origins', async () => {
    const allowed = await http().options('/ledger/account').set('Origin', 'https://ops.example.com').set('Access-Control-Request-Method', 'POST');
    expect(allowed.headers['access-control-allow-origin']).toBe('https://ops.example.com');
    const other = await http().options('/ledger/account').set('Origin', 'https://evil.example').set('Access-Control-Request-Method', 'POST');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('answers GET /admin/verify with the verification report', async () => {
    const report = await http().get('/admin/verify').expect(200);
    expect(report.body).toMatchObject({ ok: true, findings: [] });
    expect(Object.keys(report.body).sort()).toEqual(['accounts', 'events', 'findings', 'head_hash', 'ok', 'transfers']);
    expect(report.body.head_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('limits requests per caller with 429 RATE_LIMITED, but never the health check', async () => {
    const account = await ledger.openAccount();
    const statuses: number[] = [];
    // Without TRUST_PROXY a forged X-Forwarded-For changes nothing: the socket's address is counted.
    for (let i = 0; i < 30; i++) statuses.push((await http().get(`/ledger/account/${account}`).set('X-Forwarded-For', `10.0.0.${i}`)).status);
    expect(statuses).toContain(429);
    const limited = await http().get(`/ledger/account/${account}`).expect(429);
    expect(limited.body).toMatchObject({ statusCode: 429, code: 'RATE_LIMITED' });
    await http().get('/health').expect(200);
  });
});
