import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { badIds, sqlFragments, unicodeStrings, unstorableStrings } from '../support/fuzz-inputs.js';
import { useTestApp } from '../support/test-app.js';
import type { TransferView } from '../../src/ledger/queries/views.js';

/** A transfer as the API returns it. */
type Transfer = TransferView;
interface Page<T> {
  data: T[];
  next_cursor: string | null;
}

/** A cursor as a client could forge one: base64url of any JSON. */
const forged = (key: unknown) => Buffer.from(JSON.stringify(key)).toString('base64url');

describe('GET /ledger/transfer/', () => {
  const { http, ledger } = useTestApp();

  async function list(query: Record<string, string | number>): Promise<Page<Transfer>> {
    return (await http().get('/ledger/transfer/').query(query).expect(200)).body;
  }

  /** Every page of one listing, following next_cursor; fails if a page is larger than the limit. */
  async function listAll(query: Record<string, string | number>, limit: number): Promise<Transfer[]> {
    const rows: Transfer[] = [];
    let cursor: string | null = null;
    do {
      const page: Page<Transfer> = await list(cursor ? { ...query, limit, cursor } : { ...query, limit });
      expect(page.data.length).toBeLessThanOrEqual(limit);
      rows.push(...page.data);
      cursor = page.next_cursor;
    } while (cursor);
    return rows;
  }

  async function post(source: string, destination: string, amount: string, extra: Record<string, unknown> = {}): Promise<Transfer> {
    return (await ledger.transfer(source, destination, amount, extra).expect(201)).body;
  }

  const ids = (rows: { id: string }[]) => rows.map((row) => row.id);

  it('lists an account\'s transfers, as source or destination, oldest first, page by page, each exactly once', async () => {
    const { account, float } = await ledger.fundedAccount('100');
    const other = await ledger.openAccount();
    const posted = [
      await post(account, other, '1'),
      await post(other, account, '0.50'),
      await post(account, float, '2'),
      await post(float, account, '3'),
      await post(account, other, '4'),
      await post(other, float, '0.25'), // not the account's
    ];
    const funding = (await list({ account_id: account, limit: 1 })).data[0];
    const expected = [funding.id, ...ids(posted.slice(0, 5))];

    expect(ids(await listAll({ account_id: account }, 2))).toEqual(expected);
    expect(ids(await listAll({ account_id: account, order: 'desc' }, 2))).toEqual([...expected].reverse());
    expect(ids(await listAll({ account_id: account, order: 'asc' }, 500))).toEqual(expected);
    expect(ids(await listAll({ account_id: account.toUpperCase() }, 4))).toEqual(expected);
    expect((await list({ account_id: account, limit: 6 })).next_cursor).toBe(null);
    expect(posted[0]).toEqual((await list({ account_id: account })).data[1]);
  });

  it('pages the whole log in both orders: every transfer exactly once, one order the reverse of the other', async () => {
    const { account, float } = await ledger.fundedAccount('10');
    for (let i = 0; i < 3; i++) await post(account, float, '1');
    const ascending = ids(await listAll({}, 7));
    const descending = ids(await listAll({ order: 'desc' }, 7));
    expect(new Set(ascending).size).toBe(ascending.length);
    expect(descending).toEqual([...ascending].reverse());
    const mine = ids(await listAll({ account_id: account }, 50));
    expect(ascending.filter((id) => mine.includes(id))).toEqual(mine);
  });

  it('filters by reference, currency and value time, alone and combined', async () => {
    const reference = `INV-${randomUUID()}`;
    const { account, float } = await ledger.fundedAccount('100', 'CHF');
    const first = await post(account, float, '1', { currency: 'CHF', reference, occurred_at: '2001-02-03T10:00:00Z' });
    const second = await post(float, account, '2', { currency: 'CHF', reference, occurred_at: '2001-02-04' });
    const third = await post(account, float, '3', { currency: 'CHF', occurred_at: '2001-02-05T00:00:00+01:00' });
    const usd = await ledger.fundedAccount('5');
    const elsewhere = await post(usd.account, usd.float, '1', { reference, occurred_at: '2001-02-03T12:00:00Z' });

    expect(ids((await list({ reference })).data)).toEqual(ids([first, second, elsewhere]));
    expect(ids((await list({ reference, order: 'desc' })).data)).toEqual(ids([elsewhere, second, first]));
    expect(ids((await list({ reference, currency: 'CHF' })).data)).toEqual(ids([first, second]));

    const chf = await listAll({ currency: 'CHF' }, 100);
    expect(chf.every((transfer) => transfer.currency === 'CHF')).toBe(true);
    expect(ids(chf)).toEqual(expect.arrayContaining(ids([first, second, third])));
    expect(ids(chf)).not.toContain(elsewhere.id);

    // from is inclusive, to exclusive; third happened at 2001-02-04T23:00:00Z.
    const day = { account_id: account, from: '2001-02-04', to: '2001-02-05' };
    expect(ids((await list(day)).data)).toEqual(ids([second, third]));
    expect(ids((await list({ ...day, to: '2001-02-04T23:00:00Z' })).data)).toEqual(ids([second]));
    expect(ids((await list({ from: '2001-02-03T10:00:00Z', to: '2001-02-03T12:00:00.001Z' })).data)).toEqual(ids([first, elsewhere]));
    expect(ids((await list({ to: '2001-02-04', account_id: account })).data)).toEqual(ids([first]));
    expect(ids((await list({ from: '2001-02-04', reference, currency: 'CHF', account_id: account })).data)).toEqual(ids([second]));
    expect((await list({ reference: `none-${randomUUID()}` })).data).toEqual([]);
  });

  it('filters by metadata.<key>=<value>: several keys all hold, values compared as JSON strings', async () => {
    const order = randomUUID();
    const { account, float } = await ledger.fundedAccount('10');
    const refund = await post(account, float, '1', { metadata: { order, kind: 'refund', 'a.b': 'dotted' } });
    const payment = await post(account, float, '2', { metadata: { order, kind: 'payment', count: 5 } });
    await post(account, float, '3', { metadata: { kind: 'refund' } });

    expect(ids((await list({ 'metadata.order': order })).data)).toEqual(ids([refund, payment]));
    expect(ids((await list({ 'metadata.order': order, 'metadata.kind': 'refund' })).data)).toEqual(ids([refund]));
    expect(ids((await list({ 'metadata.order': order, 'metadata.a.b': 'dotted' })).data)).toEqual(ids([refund]));
    expect(ids((await list({ 'metadata.order': order, order: 'desc', limit: 1 })).data)).toEqual(ids([payment]));
    expect((await list({ 'metadata.order': order, 'metadata.count': '5' })).data).toEqual([]);
    expect((await list({ 'metadata.order': order, 'metadata.kind': 'chargeback' })).data).toEqual([]);
  });

  it.each([
    ['account_id=123', 'account_id'],
    ['currency=usd', 'currency'],
    ['reference=', 'reference'],
    [`reference=${'x'.repeat(129)}`, 'reference'],
    ['from=2025-02-30', 'from'],
    ['from=yesterday', 'from'],
    ['to=2025-07-13T25:00:00Z', 'to'],
    ['from=2025-07-14&to=2025-07-13', 'to'],
    ['from=2025-07-13&to=2025-07-13', 'to'],
    ['order=sideways', 'order'],
    ['limit=0', 'limit'],
    ['limit=501', 'limit'],
    ['status=posted', 'status'],
    ['metadata=x', 'metadata'],
    ['metadata.=x', 'metadata'],
    ['metadata.__proto__=x', '__proto__'],
    ['metadata.constructor=x', 'constructor'],
    ['metadata.k=a&metadata.k=b', 'metadata'],
    ['metadata.k%00=x', 'metadata'],
    ['metadata.k=%00', 'metadata.k'],
    ['metadata[k]=x', 'metadata[k]'],
  ])('refuses %s with 400 VALIDATION_FAILED naming %s', async (query, field) => {
    const response = await http().get(`/ledger/transfer/?${query}`).expect(400);
    expect(response.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
    expect(response.body.message).toContain(field);
  });

  it('continues a cursor only in its own order', async () => {
    const { account, float } = await ledger.fundedAccount('10');
    await post(account, float, '1');
    const ascending = await list({ account_id: account, limit: 1 });
    expect(ascending.next_cursor).not.toBe(null);
    const response = await http().get('/ledger/transfer/').query({ account_id: account, order: 'desc', cursor: ascending.next_cursor! }).expect(400);
    expect(response.body.code).toBe('INVALID_CURSOR');
  });
});

describe('tampered cursors', () => {
  const { http, ledger } = useTestApp();
  const id = randomUUID();
  const tampered = [
    forged(['2025-13-45T00:00:00.000Z', id]),
    forged(['2025-13-45', id]),
    forged(['allballs', id]),
    forged([1e308, 1]),
    forged(['asc', '1e308']),
    forged(['asc', 1e308]),
    forged(['asc', '99999999999999999999']),
    forged(['asc', '-1']),
    forged(['desc', '1\u00002']),
    forged(['value_time', '2025-07-13T00:00:00.000Z', id]),
    forged(['2025-07-13T00:00:00.000Z', 'not-a-uuid']),
    forged(['2025-07-13T00:00:00.000Z', id, 'extra']),
    forged({ position: 1 }),
    forged('asc'),
    forged(null),
    'garbage!',
    'YWJj\nZGVm',
    'x'.repeat(513),
  ];

  it.each([
    ['/ledger/transfer/', tampered],
    ['/ledger/transfer/?order=desc', tampered],
    ['/ledger/account/', tampered],
    ['/ledger/events/', ['1e308', '-1', '99999999999999999999', 'allballs', '1\n2', forged(['asc', '1'])]],
  ])('%s answers 400 INVALID_CURSOR without echoing the database', async (path, cursors) => {
    for (const cursor of cursors) {
      const response = await http().get(path).query({ cursor }).expect(400);
      expect(response.body).toMatchObject({ statusCode: 400, code: 'INVALID_CURSOR', details: [{ field: 'cursor' }] });
      expect(response.body.message).not.toMatch(/syntax|range|sql|postgres|bigint|uuid|timestamp/i);
    }
  });

  it('checks the statement cursor and the events `after` alias the same way', async () => {
    const account = await ledger.openAccount();
    for (const cursor of ['1e308', 'allballs', '-1', '1.5']) {
      expect((await http().get(`/ledger/account/${account}/statement`).query({ cursor }).expect(400)).body.code).toBe('INVALID_CURSOR');
      expect((await http().get('/ledger/events/').query({ after: cursor }).expect(400)).body).toMatchObject({ code: 'INVALID_CURSOR', details: [{ field: 'after' }] });
    }
  });

  it('refuses a NUL in a raw cursor like in any other field', async () => {
    const response = await http().get('/ledger/transfer/?cursor=ab%00cd').expect(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
  });
});

describe('events: cursor and after', () => {
  const { http, ledger } = useTestApp();

  it('pages with cursor, with after as its alias, and refuses the two disagreeing', async () => {
    const { account, float } = await ledger.fundedAccount('5');
    await ledger.transfer(account, float, '1').expect(201);
    const first = await http().get('/ledger/events/').query({ account_id: account, limit: 1 }).expect(200);
    const byCursor = await http().get('/ledger/events/').query({ account_id: account, limit: 5, cursor: first.body.next_cursor }).expect(200);
    const byAfter = await http().get('/ledger/events/').query({ account_id: account, limit: 5, after: first.body.next_cursor }).expect(200);
    expect(byCursor.body.data.map((event: { type: string }) => event.type)).toEqual(['AccountCredited', 'AccountDebited']);
    expect(byAfter.body).toEqual(byCursor.body);
    const both = await http().get('/ledger/events/').query({ cursor: '1', after: '2' }).expect(400);
    expect(both.body).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'after' }] });
  });
});

describe('list query strings under fuzzing', () => {
  const { http, ledger } = useTestApp();

  it('answers every generated query on both lists with 200 or a 400 with a code, never a 5xx', async () => {
    const account = await ledger.openAccount();
    const keys = ['account_id', 'reference', 'currency', 'from', 'to', 'order', 'limit', 'cursor', 'type', 'after', 'metadata', 'metadata.k', 'metadata.__proto__', 'metadata.', 'metadata.a.b', 'x'];
    const values = fc.oneof(
      fc.constantFrom(
        account, account.toUpperCase(), 'USD', 'asc', 'desc', '50', '2025-07-13', '2025-02-30', '1e308', '-1', '', '%00', '%FF', '%ED%A0%80', '%0A',
        forged(['asc', '1']), forged(['2025-13-45T00:00:00.000Z', randomUUID()]), forged(['allballs', randomUUID()]), forged([1e308, 1]),
        ...sqlFragments, ...unicodeStrings, ...unstorableStrings, ...badIds.filter((id): id is string => typeof id === 'string' && id.length < 1000),
      ),
      fc.string({ maxLength: 40 }),
    );
    const encode = (text: string) => (/%[0-9A-F]{2}/.test(text) ? text : [...Buffer.from(text)].map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join(''));
    const queries = fc.array(fc.tuple(fc.constantFrom(...keys), values), { maxLength: 5 });
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('/ledger/transfer/', '/ledger/account/'), queries, async (path, pairs) => {
        const query = pairs.map(([key, value]) => `${encode(key)}=${encode(value)}`).join('&');
        const response = await http().get(`${path}?${query}`);
        const context = `GET ${path}?${query} -> ${response.status} ${response.text.slice(0, 300)}`;
        if (response.status === 200) expect(Object.keys(response.body).sort()).toEqual(['data', 'next_cursor']);
        else expect({ context, status: response.status, code: ['VALIDATION_FAILED', 'INVALID_CURSOR'].includes(response.body.code) }).toEqual({ context, status: 400, code: true });
      }),
      { numRuns: 400 },
    );
  });
});
