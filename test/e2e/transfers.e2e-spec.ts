import { DataSource as DataSourceToken } from 'typeorm';
import { useTestApp } from '../support/test-app.js';

describe('transfers API', () => {
  const context = useTestApp();
  const { http, ledger } = context;

  it('posts a transfer: one debit and one matching credit, balances move, the record is readable', async () => {
    const { account: alice, float } = await ledger.fundedAccount('500');
    const bob = await ledger.openAccount();
    const response = await ledger.transfer(alice, bob, '100.50', { reference: 'INV-42', metadata: { description: 'Payment for services' } }).expect(201);
    expect(response.body).toEqual({
      id: expect.any(String),
      source_account_id: alice,
      destination_account_id: bob,
      amount: '100.50',
      currency: 'USD',
      reference: 'INV-42',
      metadata: { description: 'Payment for services' },
      status: 'posted',
      created_at: expect.any(String),
      occurred_at: response.body.created_at,
    });
    expect(await ledger.balance(alice)).toBe('399.50');
    expect(await ledger.balance(bob)).toBe('100.50');
    expect(await ledger.balance(float)).toBe('-500.00');
    expect((await http().get(`/ledger/transfer/${response.body.id}`).expect(200)).body).toEqual(response.body);

    const events = await http().get(`/ledger/events/?transfer_id=${response.body.id}`).expect(200);
    expect(events.body.data).toEqual([
      expect.objectContaining({ type: 'AccountDebited', account_id: alice, amount: '100.50', currency: 'USD', balance_after: '399.50' }),
      expect.objectContaining({ type: 'AccountCredited', account_id: bob, amount: '100.50', currency: 'USD', balance_after: '100.50' }),
    ]);
  });

  it('keeps every currency summing to zero over all accounts', async () => {
    const { account } = await ledger.fundedAccount('75.25');
    await ledger.transfer(account, await ledger.openAccount(), '25.25').expect(201);
    const sums: { currency: string; total: string }[] = await context.app
      .get(DataSourceToken)
      .query(`SELECT currency, sum(balance)::text AS total FROM account_balances GROUP BY currency`);
    for (const sum of sums) expect(Number(sum.total)).toBe(0);
  });

  it.each([
    ['0', 'greater than zero'],
    ['0.00', 'greater than zero'],
    ['-5.00', 'plain positive decimal'],
    ['1e3', 'plain positive decimal'],
    ['1.005', 'at most 2 decimal places'],
    ['0100', 'plain positive decimal'],
    ['1.', 'plain positive decimal'],
    ['.5', 'plain positive decimal'],
    [' 1', 'plain positive decimal'],
    ['1234567890123456789', '18 integer digits'],
    ['NaN', 'plain positive decimal'],
    [100, 'must be a string'],
  ])('refuses amount %j with 400 VALIDATION_FAILED (%s) and moves nothing', async (amount, reason) => {
    const { account, float } = await ledger.fundedAccount('10');
    const response = await http().post('/ledger/transfer/').send({ source_account_id: float, destination_account_id: account, amount, currency: 'USD' }).expect(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    expect(response.body.message).toContain('amount');
    expect(response.body.message).toContain(reason);
    expect(await ledger.balance(account)).toBe('10.00');
  });

  it('applies each currency minor unit: JPY has none, KWD has three', async () => {
    const jpy = await ledger.fundedAccount('1000', 'JPY');
    const jpyTarget = await ledger.openAccount({ currency: 'JPY' });
    expect((await ledger.transfer(jpy.account, jpyTarget, '1.5', { currency: 'JPY' }).expect(400)).body.message).toContain('at most 0 decimal places');
    await ledger.transfer(jpy.account, jpyTarget, '15', { currency: 'JPY' }).expect(201);
    const kwd = await ledger.fundedAccount('1.500', 'KWD');
    const kwdTarget = await ledger.openAccount({ currency: 'KWD' });
    expect((await ledger.transfer(kwd.account, kwdTarget, '0.0001', { currency: 'KWD' }).expect(400)).body.code).toBe('VALIDATION_FAILED');
    const posted = await ledger.transfer(kwd.account, kwdTarget, '1.255', { currency: 'KWD' }).expect(201);
    expect(posted.body.amount).toBe('1.255');
    expect(await ledger.balance(kwd.account)).toBe('0.245');
  });

  it('refuses a currency that differs from the accounts with 422 CURRENCY_MISMATCH', async () => {
    const { account } = await ledger.fundedAccount('50');
    const euro = await ledger.openAccount({ currency: 'EUR' });
    expect((await ledger.transfer(account, euro, '10').expect(422)).body.code).toBe('CURRENCY_MISMATCH');
    expect((await ledger.transfer(account, euro, '10', { currency: 'EUR' }).expect(422)).body.code).toBe('CURRENCY_MISMATCH');
    expect((await ledger.transfer(account, euro, '10', { currency: 'usd' }).expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect(await ledger.balance(account)).toBe('50.00');
  });

  it('refuses unknown accounts with 404 and the same account twice with 422', async () => {
    const { account } = await ledger.fundedAccount('50');
    const missing = '00000000-0000-4000-8000-000000000001';
    const fromMissing = await ledger.transfer(missing, account, '1').expect(404);
    expect(fromMissing.body).toMatchObject({ code: 'ACCOUNT_NOT_FOUND', details: [{ field: 'source_account_id' }] });
    expect((await ledger.transfer(account, missing, '1').expect(404)).body).toMatchObject({ code: 'ACCOUNT_NOT_FOUND', details: [{ field: 'destination_account_id' }] });
    expect((await ledger.transfer(account, account, '1').expect(422)).body.code).toBe('SAME_ACCOUNT');
    expect((await ledger.transfer('nope', account, '1').expect(400)).body.message).toContain('source_account_id');
    expect(await ledger.balance(account)).toBe('50.00');
  });

  it('refuses an overdraft with 422 INSUFFICIENT_FUNDS, allows one up to an account limit', async () => {
    const { account } = await ledger.fundedAccount('30');
    const other = await ledger.openAccount();
    expect((await ledger.transfer(account, other, '30.01').expect(422)).body.code).toBe('INSUFFICIENT_FUNDS');
    await ledger.transfer(account, other, '30.00').expect(201);
    expect(await ledger.balance(account)).toBe('0.00');

    const limited = await ledger.openAccount({ allow_overdraft: true, overdraft_limit: '20' });
    await ledger.transfer(limited, other, '20').expect(201);
    expect((await ledger.transfer(limited, other, '0.01').expect(422)).body.code).toBe('INSUFFICIENT_FUNDS');
    expect(await ledger.balance(limited)).toBe('-20.00');
  });

  it('replays a repeated Idempotency-Key with the first response and refuses it with another body', async () => {
    const { account } = await ledger.fundedAccount('100');
    const other = await ledger.openAccount();
    const body = { source_account_id: account, destination_account_id: other, amount: '10.00', currency: 'USD' };
    const first = await http().post('/ledger/transfer/').set('Idempotency-Key', `pay-${account}`).send(body).expect(201);
    const again = await http().post('/ledger/transfer/').set('Idempotency-Key', `pay-${account}`).send({ ...body, currency: 'USD' }).expect(201);
    expect(again.body).toEqual(first.body);
    expect(await ledger.balance(account)).toBe('90.00');
    const reused = await http().post('/ledger/transfer/').set('Idempotency-Key', `pay-${account}`).send({ ...body, amount: '11.00' }).expect(409);
    expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await ledger.balance(account)).toBe('90.00');
  });

  it('posts once when two requests with one Idempotency-Key race', async () => {
    const { account } = await ledger.fundedAccount('100');
    const other = await ledger.openAccount();
    const body = { source_account_id: account, destination_account_id: other, amount: '60.00', currency: 'USD' };
    const send = () => http().post('/ledger/transfer/').set('Idempotency-Key', `race-${account}`).send(body);
    const responses = await Promise.all([send(), send(), send()]);
    expect(responses.map((r) => r.status)).toEqual([201, 201, 201]);
    expect(new Set(responses.map((r) => r.body.id)).size).toBe(1);
    expect(await ledger.balance(account)).toBe('40.00');
  });

  it('replays account creation under an Idempotency-Key', async () => {
    const send = () => http().post('/ledger/account/').set('Idempotency-Key', `open-${Date.now()}-x`).send({ currency: 'USD', type: 'user' });
    const key = `open-${Date.now()}`;
    const first = await http().post('/ledger/account/').set('Idempotency-Key', key).send({ currency: 'USD', type: 'user' }).expect(201);
    const again = await http().post('/ledger/account/').set('Idempotency-Key', key).send({ type: 'user', currency: 'USD' }).expect(201);
    expect(again.body.id).toBe(first.body.id);
    expect((await http().post('/ledger/account/').set('Idempotency-Key', key).send({ currency: 'EUR', type: 'user' }).expect(409)).body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect((await send().set('Idempotency-Key', '').expect(400)).body.code).toBe('VALIDATION_FAILED');
  });

  it('lets exactly 5 of 20 concurrent debits of 100 through against a balance of 500', async () => {
    const { account } = await ledger.fundedAccount('500');
    const sink = await ledger.openAccount();
    const responses = await Promise.all(Array.from({ length: 20 }, () => ledger.transfer(account, sink, '100')));
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(5);
    expect(statuses.filter((s) => s === 422)).toHaveLength(15);
    expect(responses.filter((r) => r.status === 422).every((r) => r.body.code === 'INSUFFICIENT_FUNDS')).toBe(true);
    expect(await ledger.balance(account)).toBe('0.00');
    expect(await ledger.balance(sink)).toBe('500.00');
  });

  it('does not deadlock when transfers run in opposite directions at once', async () => {
    const a = await ledger.fundedAccount('1000');
    const b = await ledger.fundedAccount('1000');
    const responses = await Promise.all(
      Array.from({ length: 30 }, (_, i) => (i % 2 === 0 ? ledger.transfer(a.account, b.account, '10') : ledger.transfer(b.account, a.account, '10'))),
    );
    expect(responses.every((r) => r.status === 201)).toBe(true);
    expect(await ledger.balance(a.account)).toBe('1000.00');
    expect(await ledger.balance(b.account)).toBe('1000.00');
  });

  it('keeps a value time (occurred_at) apart from created_at, and refuses one in the future', async () => {
    const { account } = await ledger.fundedAccount('10');
    const other = await ledger.openAccount();
    const posted = await ledger.transfer(account, other, '1', { occurred_at: '2024-02-29T09:14:30Z' }).expect(201);
    expect(posted.body.occurred_at).toBe('2024-02-29T09:14:30.000Z');
    expect(posted.body.created_at).not.toBe(posted.body.occurred_at);
    const events = await http().get(`/ledger/events/?transfer_id=${posted.body.id}`).expect(200);
    expect(events.body.data.map((event: { occurred_at: string }) => event.occurred_at)).toEqual(['2024-02-29T09:14:30.000Z', '2024-02-29T09:14:30.000Z']);
    const future = new Date(Date.now() + 3_600_000).toISOString();
    expect((await ledger.transfer(account, other, '1', { occurred_at: future }).expect(400)).body.message).toContain('occurred_at');
    expect((await ledger.transfer(account, other, '1', { occurred_at: 'yesterday' }).expect(400)).body.message).toContain('occurred_at');
  });

  it('answers 404 TRANSFER_NOT_FOUND for an unknown transfer', async () => {
    expect((await http().get('/ledger/transfer/00000000-0000-4000-8000-000000000002').expect(404)).body.code).toBe('TRANSFER_NOT_FOUND');
  });
});
