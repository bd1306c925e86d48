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

  it('filters by currency, type and metadata.<key>=<value>, page by page', async () => {
    const team = `team-${Date.now()}`;
    const opened = [
      await ledger.openAccount({ currency: 'SEK', type: 'merchant', metadata: { team, tier: 'gold' } }),
      await ledger.openAccount({ currency: 'SEK', type: 'user', metadata: { team, tier: 'gold' } }),
      await ledger.openAccount({ currency: 'NOK', type: 'merchant', metadata: { team } }),
      await ledger.openAccount({ currency: 'SEK', type: 'merchant', metadata: { team, tier: 'silver' } }),
      await ledger.openAccount({ currency: 'SEK', type: 'merchant', metadata: { tier: 'gold' } }),
    ];
    const listAll = async (query: Record<string, string>) => {
      const ids: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { body: { data: { id: string; currency: string; type: string }[]; next_cursor: string | null } } = await http()
          .get('/ledger/account/')
          .query({ ...query, limit: 1, ...(cursor && { cursor }) })
          .expect(200);
        ids.push(...page.body.data.map((account) => account.id));
        cursor = page.body.next_cursor;
      } while (cursor);
      return ids;
    };
    expect(await listAll({ 'metadata.team': team })).toEqual(opened.slice(0, 4));
    expect(await listAll({ 'metadata.team': team, currency: 'SEK' })).toEqual([opened[0], opened[1], opened[3]]);
    expect(await listAll({ 'metadata.team': team, type: 'merchant', 'metadata.tier': 'gold' })).toEqual([opened[0]]);
    expect(await listAll({ 'metadata.team': team, currency: 'NOK', type: 'user' })).toEqual([]);
    const merchants = (await http().get('/ledger/account/').query({ type: 'merchant', currency: 'SEK', limit: 500 }).expect(200)).body.data;
    expect(merchants.every((account: { type: string; currency: string }) => account.type === 'merchant' && account.currency === 'SEK')).toBe(true);
    expect(merchants.map((account: { id: string }) => account.id)).toEqual(expect.arrayContaining([opened[0], opened[3], opened[4]]));
  });

  it.each(['currency=sek', 'type=Merchant', 'metadata.=x', 'metadata.__proto__=x', 'metadata=x', 'owner=me'])('refuses the filter %s with 400 VALIDATION_FAILED', async (query) => {
    expect((await http().get(`/ledger/account/?${query}`).expect(400)).body.code).toBe('VALIDATION_FAILED');
  });

  it('refuses bad pagination parameters', async () => {
    expect((await http().get('/ledger/account/?limit=0').expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect((await http().get('/ledger/account/?limit=abc').expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect((await http().get('/ledger/account/?cursor=garbage').expect(400)).body.code).toBe('INVALID_CURSOR');
  });
});
