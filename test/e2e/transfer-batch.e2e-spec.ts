import { randomUUID } from 'node:crypto';
import { useTestApp } from '../support/test-app.js';

/**
 * The group-commit write path seen from outside: concurrent requests share batches but never each other's
 * fate, and POST /ledger/transfers/batch posts many transfers as one unit.
 */
describe('group commit and the batch API', () => {
  const context = useTestApp();
  const { http, ledger } = context;

  const item = (source: string, destination: string, amount: string, extra: Record<string, unknown> = {}) => ({
    source_account_id: source,
    destination_account_id: destination,
    amount,
    currency: 'USD',
    ...extra,
  });
  const postBatch = (body: Record<string, unknown>, key?: string) => {
    const request = http().post('/ledger/transfers/batch');
    if (key) request.set('Idempotency-Key', key);
    return request.send(body);
  };

  it('refuses one request of a concurrent group for its own reason and posts its batch-mates', async () => {
    const { account: payer } = await ledger.fundedAccount('100');
    const payees = await Promise.all(Array.from({ length: 8 }, () => ledger.openAccount()));
    const responses = await Promise.all([
      ...payees.map((payee) => ledger.transfer(payer, payee, '10.00')),
      ledger.transfer(payer, payees[0], '1000.00'),
      ledger.transfer(payer, randomUUID(), '1.00'),
    ]);
    expect(responses.map((r) => r.status)).toEqual([201, 201, 201, 201, 201, 201, 201, 201, 422, 404]);
    expect(responses[8].body.code).toBe('INSUFFICIENT_FUNDS');
    expect(responses[9].body.code).toBe('ACCOUNT_NOT_FOUND');
    expect(await ledger.balance(payer)).toBe('20.00');
  });

  it('lets 1,000 concurrent debits against a bounded overdraft pass exactly as many times as the limit allows', async () => {
    const account = await ledger.openAccount({ allow_overdraft: true, overdraft_limit: '250.00' });
    const sink = await ledger.openAccount();
    const responses = await Promise.all(Array.from({ length: 1000 }, () => ledger.transfer(account, sink, '1.00')));
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(250);
    expect(statuses.filter((s) => s === 422)).toHaveLength(750);
    expect(await ledger.balance(account)).toBe('-250.00');
    expect(await ledger.balance(sink)).toBe('250.00');
  });

  it('posts once for one Idempotency-Key sent twice at the same time', async () => {
    const { account } = await ledger.fundedAccount('50');
    const payee = await ledger.openAccount();
    const key = `same-${randomUUID()}`;
    const [a, b] = await Promise.all([1, 2].map(() => ledger.transfer(account, payee, '5.00').set('Idempotency-Key', key)));
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body.id).toBe(b.body.id);
    expect(await ledger.balance(account)).toBe('45.00');
  });

  it('atomic: posts every transfer, each against the balance the previous one left (credited, then debited)', async () => {
    const float = await ledger.openAccount({ type: 'internal', allow_overdraft: true });
    const [alice, bob] = [await ledger.openAccount(), await ledger.openAccount()];
    const response = await postBatch({ transfers: [item(float, alice, '100.00'), item(alice, bob, '60.00'), item(alice, bob, '40.00')] }).expect(201);
    expect(response.body.mode).toBe('atomic');
    expect(response.body.transfers.map((t: { amount: string }) => t.amount)).toEqual(['100.00', '60.00', '40.00']);
    expect([await ledger.balance(alice), await ledger.balance(bob)]).toEqual(['0.00', '100.00']);
    const statement = await http().get(`/ledger/account/${alice}/statement`).expect(200);
    expect(statement.body.data.map((line: { direction: string; balance_after: string }) => `${line.direction} ${line.balance_after}`)).toEqual(['credit 100.00', 'debit 40.00', 'debit 0.00']);
    const verify = await http().get('/admin/verify').expect(200);
    expect(verify.body.findings).toEqual([]);
  });

  it('atomic: the first refusal refuses the whole batch with its index, and nothing moves', async () => {
    const { account } = await ledger.fundedAccount('30');
    const payee = await ledger.openAccount();
    const response = await postBatch({ mode: 'atomic', transfers: [item(account, payee, '10.00'), item(account, payee, '25.00'), item(account, randomUUID(), '1.00')] }).expect(422);
    expect(response.body).toMatchObject({ code: 'INSUFFICIENT_FUNDS', details: [{ field: 'transfers[1]' }] });
    expect(response.body.message).toMatch(/^transfers\[1\]: /);
    expect([await ledger.balance(account), await ledger.balance(payee)]).toEqual(['30.00', '0.00']);
  });

  it('independent: one result per item, refusals alone; the same key replays the whole first response', async () => {
    const { account } = await ledger.fundedAccount('30');
    const payee = await ledger.openAccount();
    const missing = randomUUID();
    const body = { mode: 'independent', transfers: [item(account, payee, '10.00'), item(account, payee, '25.00'), item(account, missing, '1.00'), item(account, payee, '20.00')] };
    const key = `batch-${randomUUID()}`;
    const first = await postBatch(body, key).expect(200);
    expect(first.body.results.map((r: { index: number; status: number; error?: { code: string } }) => [r.index, r.status, r.error?.code])).toEqual([
      [0, 201, undefined],
      [1, 422, 'INSUFFICIENT_FUNDS'],
      [2, 404, 'ACCOUNT_NOT_FOUND'],
      [3, 201, undefined],
    ]);
    expect(await ledger.balance(account)).toBe('0.00');
    const again = await postBatch(body, key).expect(200);
    expect(again.body).toEqual(first.body);
    expect(await ledger.balance(account)).toBe('0.00');
    await postBatch({ ...body, mode: 'atomic' }, key).expect(409);
  });

  it('refuses malformed batches whole, naming the item, before anything is decided', async () => {
    const [a, b] = [await ledger.openAccount(), await ledger.openAccount()];
    const bad = await postBatch({ transfers: [item(a, b, '1.00'), item(a, b, '1.001')] }).expect(400);
    expect(bad.body.details[0].field).toBe('transfers[1].amount');
    await postBatch({ transfers: [] }).expect(400);
    await postBatch({ mode: 'sometimes', transfers: [item(a, b, '1.00')] }).expect(400);
    const tooMany = Array.from({ length: 1001 }, () => item(a, b, '1.00'));
    expect((await postBatch({ transfers: tooMany }).expect(400)).body.code).toBe('VALIDATION_FAILED');
  });

  it('takes 1,000 transfers in one request (its own body limit), in one block of the log', async () => {
    const float = await ledger.openAccount({ type: 'internal', allow_overdraft: true });
    const payees = await Promise.all(Array.from({ length: 10 }, () => ledger.openAccount()));
    const transfers = Array.from({ length: 1000 }, (_, i) => item(float, payees[i % 10], '1.25', { reference: `PAYOUT-${i}`, metadata: { batch: 'b1', i: String(i) } }));
    const response = await postBatch({ transfers }).expect(201);
    expect(response.body.transfers).toHaveLength(1000);
    expect(await ledger.balance(float)).toBe('-1250.00');
    const events = await http().get(`/ledger/events/?transfer_id=${response.body.transfers[999].id}`).expect(200);
    expect(events.body.data).toHaveLength(2);
  });
});
