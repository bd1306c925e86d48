import { useTestApp } from '../support/test-app.js';

describe('accounts API', () => {
  const { http, ledger } = useTestApp();

  it('opens an account with a zero balance, as the seed curl example does', async () => {
    const response = await http().post('/ledger/account/').send({ currency: 'USD', type: 'user', metadata: { name: 'John Doe' } }).expect(201);
    expect(response.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      currency: 'USD',
      type: 'user',
      metadata: { name: 'John Doe' },
      allow_overdraft: false,
      overdraft_limit: null,
      balance: '0.00',
      created_at: expect.any(String),
    });
    const fetched = await http().get(`/ledger/account/${response.body.id}`).expect(200);
    expect(fetched.body).toEqual(response.body);
  });

  it('formats balances to the currency minor unit', async () => {
    const jpy = await http().post('/ledger/account').send({ currency: 'JPY', type: 'user' }).expect(201);
    const kwd = await http().post('/ledger/account').send({ currency: 'KWD', type: 'user', allow_overdraft: true, overdraft_limit: '10.5' }).expect(201);
    expect(jpy.body.balance).toBe('0');
    expect(kwd.body).toMatchObject({ balance: '0.000', allow_overdraft: true, overdraft_limit: '10.500' });
  });

  it('records AccountOpened as version 1 of the account stream', async () => {
    const id = await ledger.openAccount();
    const events = await http().get(`/ledger/events/?account_id=${id}`).expect(200);
    expect(events.body.data).toEqual([expect.objectContaining({ type: 'AccountOpened', account_id: id, transfer_id: null })]);
    const balance = await http().get(`/ledger/account/${id}/balance`).expect(200);
    expect(balance.body).toEqual({ account_id: id, currency: 'USD', balance: '0.00', version: 1, as_of: expect.any(String) });
  });

  it.each([
    [{ currency: 'usd', type: 'user' }, 'currency'],
    [{ currency: 'ABC', type: 'user' }, 'currency'],
    [{ currency: 'XAU', type: 'user' }, 'currency'],
    [{ type: 'user' }, 'currency'],
    [{ currency: 'USD', type: 'User Account' }, 'type'],
    [{ currency: 'USD', type: 'user', metadata: 'x' }, 'metadata'],
    [{ currency: 'USD', type: 'user', metadata: { a: { b: { c: { d: { e: { f: 1 } } } } } } }, 'metadata'],
    [{ currency: 'USD', type: 'user', allow_overdraft: 'yes' }, 'allow_overdraft'],
    [{ currency: 'USD', type: 'user', overdraft_limit: '-5' }, 'overdraft_limit'],
    [{ currency: 'USD', type: 'user', overdraft_limit: 100 }, 'overdraft_limit'],
    [{ currency: 'USD', type: 'user', owner: 'me' }, 'owner'],
  ])('refuses %j with 400 VALIDATION_FAILED naming %s', async (body, field) => {
    const response = await http().post('/ledger/account/').send(body).expect(400);
    expect(response.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
    expect(response.body.message).toContain(field);
  });

  it('answers 404 ACCOUNT_NOT_FOUND for an unknown id and 400 for a malformed one', async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    expect((await http().get(`/ledger/account/${missing}`).expect(404)).body.code).toBe('ACCOUNT_NOT_FOUND');
    expect((await http().get(`/ledger/account/${missing}/balance`).expect(404)).body.code).toBe('ACCOUNT_NOT_FOUND');
    expect((await http().get('/ledger/account/not-a-uuid').expect(400)).body).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'id' }] });
  });

  it('lists accounts with cursor pagination, each exactly once', async () => {
    for (let i = 0; i < 5; i++) await ledger.openAccount({ metadata: { i } });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { data: { id: string }[]; next_cursor: string | null } } = await http()
        .get('/ledger/account/')
        .query(cursor ? { limit: 2, cursor } : { limit: 2 })
        .expect(200);
      expect(page.body.data.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.data.map((account) => account.id));
      cursor = page.body.next_cursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBeGreaterThanOrEqual(5);
  });

  it('refuses bad pagination parameters', async () => {
    expect((await http().get('/ledger/account/?limit=0').expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect((await http().get('/ledger/account/?limit=abc').expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect((await http().get('/ledger/account/?cursor=garbage').expect(400)).body.code).toBe('INVALID_CURSOR');
  });
});
