import { useTestApp } from '../support/test-app.js';

describe('API documentation', () => {
  const { http } = useTestApp();

  it('serves Swagger UI at /docs, ReDoc at /redoc and the OpenAPI document at /docs-json', async () => {
    expect((await http().get('/docs').redirects(1)).status).toBe(200);
    expect((await http().get('/redoc').expect(200)).text).toContain('/docs-json');
    const document = (await http().get('/docs-json').expect(200)).body;
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/ledger/account', '/ledger/account/{id}', '/ledger/account/{id}/balance', '/ledger/transfer', '/ledger/transfer/{id}', '/ledger/events', '/health']),
    );
    const transfer = document.paths['/ledger/transfer'].post;
    expect(Object.keys(transfer.responses)).toEqual(expect.arrayContaining(['201', '400', '404', '409', '422']));
    expect(document.components.schemas.TransferDto.properties.amount.example).toBe('100.50');
  });
});
