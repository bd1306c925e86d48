import { useTestApp } from '../support/test-app.js';

describe('HTTP errors', () => {
  const { http } = useTestApp();

  const expectError = (body: Record<string, unknown>, statusCode: number, code: string) => {
    expect(body).toEqual({ statusCode, code, message: expect.any(String), ...(body.details ? { details: body.details } : {}) });
  };

  it('answers malformed JSON with 400 MALFORMED_JSON', async () => {
    const response = await http().post('/ledger/transfer/').set('Content-Type', 'application/json').send('{"amount": ').expect(400);
    expectError(response.body, 400, 'MALFORMED_JSON');
  });

  it('answers an empty JSON body with 400', async () => {
    const response = await http().post('/ledger/account/').set('Content-Type', 'application/json').send('').expect(400);
    expectError(response.body, 400, 'MALFORMED_JSON');
  });

  it('refuses a prototype-poisoning body with 400', async () => {
    const response = await http().post('/ledger/account/').set('Content-Type', 'application/json').send('{"currency":"USD","type":"user","__proto__":{"admin":true}}');
    expect(response.status).toBe(400);
    expect(response.body.code).toMatch(/MALFORMED_JSON|VALIDATION_FAILED/);
  });

  it('refuses keys named after Object.prototype members, in JSON and in multipart fields', async () => {
    for (const body of ['{"currency":"USD","type":"user","toString":null}', '{"currency":"USD","type":"user","metadata":{"valueOf":1}}', '{"currency":"USD","type":"user","constructor":{}}']) {
      const response = await http().post('/ledger/account/').set('Content-Type', 'application/json').send(body);
      expect(response.status).toBe(400);
      expect(response.body.code).toMatch(/VALIDATION_FAILED|MALFORMED_JSON/);
    }
    for (const name of ['__proto__', 'constructor', 'toString']) {
      const response = await http().post('/recon/run').field('source', 'bank_csv').field('date', '2025-07-13').field(name, 'x');
      expect(response.status).toBe(400);
      expect(response.body.code).toMatch(/VALIDATION_FAILED|MALFORMED_REQUEST/);
    }
  });

  it('answers a JSON array or scalar body with 400 VALIDATION_FAILED', async () => {
    for (const body of ['[]', '"x"', '42', 'null']) {
      const response = await http().post('/ledger/account/').set('Content-Type', 'application/json').send(body);
      expect(response.status).toBe(400);
    }
  });

  it('answers an unknown route with 404 ROUTE_NOT_FOUND', async () => {
    expectError((await http().get('/ledger/nothing').expect(404)).body, 404, 'ROUTE_NOT_FOUND');
    expectError((await http().delete('/ledger/account/').expect(404)).body, 404, 'ROUTE_NOT_FOUND');
  });

  it('answers a non-JSON content type with 415', async () => {
    const response = await http().post('/ledger/account/').set('Content-Type', 'application/xml').send('<account/>').expect(415);
    expectError(response.body, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('answers a body over the limit with 413 PAYLOAD_TOO_LARGE', async () => {
    const response = await http().post('/ledger/account/').send({ currency: 'USD', type: 'user', metadata: { blob: 'x'.repeat(1_100_000) } }).expect(413);
    expectError(response.body, 413, 'PAYLOAD_TOO_LARGE');
  });

  it('serves the health check', async () => {
    expect((await http().get('/health').expect(200)).body).toEqual({ status: 'ok', database: 'up' });
  });
});
