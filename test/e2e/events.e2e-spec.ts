import { eventually } from '../support/poll.js';
import { useTestApp } from '../support/test-app.js';

describe('events API', () => {
  const context = useTestApp();
  const { http, ledger } = context;

  it('lists an account stream oldest first, page by page, with versions in order', async () => {
    const { account, float } = await ledger.fundedAccount('100');
    for (let i = 0; i < 4; i++) await ledger.transfer(account, float, '1').expect(201);
    const types: string[] = [];
    const positions: number[] = [];
    let after: string | null = '0';
    while (after !== null) {
      const page: { body: { data: { type: string; position: string }[]; next_cursor: string | null } } = await http()
        .get('/ledger/events/')
        .query({ account_id: account, limit: 2, after })
        .expect(200);
      types.push(...page.body.data.map((event) => event.type));
      positions.push(...page.body.data.map((event) => Number(event.position)));
      after = page.body.next_cursor;
    }
    expect(types).toEqual(['AccountOpened', 'AccountCredited', 'AccountDebited', 'AccountDebited', 'AccountDebited', 'AccountDebited']);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('stores the correlation id and idempotency key of the request in the event metadata', async () => {
    const { account, float } = await ledger.fundedAccount('5');
    const posted = await http()
      .post('/ledger/transfer/')
      .set('X-Correlation-Id', 'corr-123')
      .set('Idempotency-Key', `meta-${account}`)
      .send({ source_account_id: account, destination_account_id: float, amount: '1', currency: 'USD' })
      .expect(201);
    const events = await http().get(`/ledger/events/?transfer_id=${posted.body.id}`).expect(200);
    expect(events.body.data.map((event: { metadata: unknown }) => event.metadata)).toEqual([
      { correlation_id: 'corr-123', idempotency_key: `meta-${account}` },
      { correlation_id: 'corr-123', idempotency_key: `meta-${account}` },
    ]);
  });

  it('filters by type and refuses bad filters', async () => {
    const { account } = await ledger.fundedAccount('5');
    const credits = await http().get(`/ledger/events/?account_id=${account}&type=AccountCredited`).expect(200);
    expect(credits.body.data).toEqual([expect.objectContaining({ type: 'AccountCredited', amount: '5.00', balance_after: '5.00' })]);
    expect((await http().get('/ledger/events/?type=Deleted').expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect((await http().get('/ledger/events/?account_id=123').expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect((await http().get('/ledger/events/?after=-1').expect(400)).body.code).toBe('INVALID_CURSOR');
    expect((await http().get('/ledger/events/?limit=100000').expect(400)).body.code).toBe('VALIDATION_FAILED');
  });

  it('is append-only: the database refuses UPDATE and DELETE on events', async () => {
    const dataSource = context.app.get((await import('typeorm')).DataSource);
    await expect(dataSource.query(`UPDATE events SET payload = '{}' WHERE position = 1`)).rejects.toThrow(/append-only/);
    await expect(dataSource.query(`DELETE FROM events WHERE position = 1`)).rejects.toThrow(/append-only/);
    await expect(dataSource.query(`TRUNCATE events`)).rejects.toThrow(/append-only/);
  });

  it('serves the statement read model, kept in step after the commit', async () => {
    const { account, float } = await ledger.fundedAccount('42');
    await ledger.transfer(account, float, '2', { reference: 'INV-7' }).expect(201);
    const lines = await eventually(async () => {
      const page = await http().get(`/ledger/account/${account}/statement?limit=1`).expect(200);
      const next = page.body.next_cursor && (await http().get(`/ledger/account/${account}/statement?limit=1&cursor=${page.body.next_cursor}`).expect(200));
      return next && next.body.data.length === 1 ? [...page.body.data, ...next.body.data] : undefined;
    });
    expect(lines).toEqual([
      expect.objectContaining({ version: 2, direction: 'credit', amount: '42.00', balance_after: '42.00', counterparty_account_id: float }),
      expect.objectContaining({ version: 3, direction: 'debit', amount: '2.00', balance_after: '40.00', reference: 'INV-7' }),
    ]);
    expect((await http().get('/ledger/account/00000000-0000-4000-8000-000000000009/statement').expect(404)).body.code).toBe('ACCOUNT_NOT_FOUND');
  });
});
