import fc from 'fast-check';
import { DataSource } from 'typeorm';
import { assertWellFormed, describeRequest, FuzzStats, sendFuzz, type FuzzRequest, type FuzzResponse } from '../support/fuzz-http.js';
import {
  accountSpecArb,
  buildAccount,
  buildTransfer,
  expectAccount,
  expectTransfer,
  hugeAscii,
  isCalendarDate,
  nastyRawBodies,
  nastyValues,
  reconBodyArb,
  sentinelTransferBodies,
  transferSpecArb,
  type Outcome,
} from '../support/fuzz-inputs.js';
import { LedgerModel, minorToText, minorUnitsOfModel, textToMinor } from '../support/model-ledger.js';
import { useTestApp } from '../support/test-app.js';

/**
 * Fuzzes every POST route of the real app on a real PostgreSQL with a few thousand generated and
 * hand-written bodies. Every response must be well formed (no 5xx; errors are {statusCode, code, message}
 * with statusCode = HTTP status). Structured bodies are also checked against an oracle written from the
 * README (exact status and code), and every transfer the fuzzer legitimately posts is applied to a model of
 * the balances; at the end the database must agree with the model, a sentinel pair the fuzzer only ever
 * sends invalid requests for must not have moved, and every currency must still sum to zero.
 *
 * The bugs this suite found are fixed; each is reproduced by a regression case at the end, and the generators
 * produce those inputs again (NUL and lone surrogates anywhere, upper-case ids of existing accounts, a future
 * occurred_at on the same account, allow_overdraft false with a limit, null recon parameters).
 */

const routes = ['/ledger/account/', '/ledger/transfer/', '/recon/run'] as const;
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const isoTimestamp = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

describe('fuzzing the POST routes', () => {
  // No rate limit: thousands of requests a minute are the point here (429 RATE_LIMITED has its own suite).
  const context = useTestApp({ RATE_LIMIT_PER_MINUTE: '0' });
  const { http, ledger } = context;
  const model = new LedgerModel();
  const stats = new FuzzStats();
  /** Transfers posted between model accounts: the setup's and the fuzzer's legitimate 201s. */
  const postedTransfers = new Set<string>();
  let sentinel: { account: string; float: string };
  let reconJobsStarted = 0;
  /** Accounts the BUG cases moved money between, with what they must hold at the end. */
  const bugAccounts: { id: string; balance: string }[] = [];

  const send = async (request: FuzzRequest): Promise<FuzzResponse> => {
    const response = await sendFuzz(http, request);
    stats.record(request, response);
    assertWellFormed(request, response);
    return response;
  };

  const fail = (message: string, request: FuzzRequest, response: FuzzResponse, extra = ''): never => {
    throw new Error(`${message}\n  request:  ${describeRequest(request)}\n  response: ${response.status} ${response.text.slice(0, 500)}${extra ? `\n  ${extra}` : ''}`);
  };

  /** The outcome among `outcomes` that the response is, or a failure naming what was expected. */
  const matchOutcome = (outcomes: Outcome[], request: FuzzRequest, response: FuzzResponse): Outcome => {
    const body = response.body as { code?: string; details?: { field?: string }[] };
    const matched = outcomes.find(
      (outcome) =>
        outcome.status === response.status &&
        (outcome.kind !== 'error' || (outcome.codes.includes(body.code ?? '') && (outcome.field === undefined || body.details?.[0]?.field === outcome.field))),
    );
    const describe = (outcome: Outcome) => `${outcome.status} ${outcome.kind === 'error' ? outcome.codes.join('|') + (outcome.field ? ` (${outcome.field})` : '') : outcome.kind}`;
    return matched ?? fail('Wrong decision', request, response, `expected: ${outcomes.map(describe).join(' or ')}`);
  };

  const openAccount = async (body: Record<string, unknown>): Promise<string> => {
    const request: FuzzRequest = { route: '/ledger/account/', raw: JSON.stringify(body) };
    const response = await send(request);
    const [outcome] = expectAccount(body, undefined);
    if (outcome?.kind !== 'account') throw new Error(`setup body is not a valid account: ${request.raw}`);
    if (response.status !== 201) fail('setup account refused', request, response);
    const view = response.body as { id: string };
    model.open(view.id, outcome.currency, outcome.allowOverdraft, outcome.allowOverdraft ? outcome.limitMinor : null);
    return view.id;
  };

  const postTransfer = async (source: string, destination: string, amount: string, currency: string): Promise<void> => {
    const request: FuzzRequest = { route: '/ledger/transfer/', raw: JSON.stringify({ source_account_id: source, destination_account_id: destination, amount, currency }) };
    const response = await send(request);
    if (response.status !== 201) fail('setup transfer refused', request, response);
    model.transfer(source, destination, currency, textToMinor(amount, minorUnitsOfModel(currency)));
    postedTransfers.add((response.body as { id: string }).id);
  };

  beforeAll(async () => {
    // The sentinel pair: only ever named in requests that must be refused, so its balances never change.
    sentinel = await ledger.fundedAccount('1000.00');
    // The pool the structured fuzzer moves money in, mirrored by the model.
    const usdFloat = await openAccount({ currency: 'USD', type: 'internal', allow_overdraft: true });
    const usdFunded = await openAccount({ currency: 'USD', type: 'user' });
    await openAccount({ currency: 'USD', type: 'user' });
    await openAccount({ currency: 'USD', type: 'user', allow_overdraft: true, overdraft_limit: '25.00' });
    const jpyFloat = await openAccount({ currency: 'JPY', type: 'internal', allow_overdraft: true });
    const jpyFunded = await openAccount({ currency: 'JPY', type: 'user' });
    await openAccount({ currency: 'KWD', type: 'user', overdraft_limit: '1.500' });
    await openAccount({ currency: 'KWD', type: 'user' });
    await postTransfer(usdFloat, usdFunded, '500.00', 'USD');
    await postTransfer(jpyFloat, jpyFunded, '5000', 'JPY');
  }, 30_000);

  it('refuses every hand-written nasty body on every route with a well-formed 4xx', async () => {
    for (const raw of nastyRawBodies()) {
      for (const route of routes) {
        const request: FuzzRequest = { route, raw };
        const response = await send(request);
        if (response.status < 400) fail('A nasty body was accepted', request, response);
      }
    }
  }, 60_000);

  it('refuses valid-looking transfers of the sentinel pair that break one rule, with the documented code', async () => {
    for (const { raw, status, code } of sentinelTransferBodies(sentinel.account, sentinel.float)) {
      const request: FuzzRequest = { route: '/ledger/transfer/', raw };
      const response = await send(request);
      if (response.status < 400) fail('A transfer breaking a rule was accepted', request, response);
      const body = response.body as { code: string };
      if (status !== undefined && (response.status !== status || body.code !== code)) fail(`Expected ${status} ${code}`, request, response);
    }
  }, 60_000);

  it('answers odd content types, raw bytes and multipart forms with a well-formed response', async () => {
    const missing = '00000000-0000-4000-8000-00000000beef';
    const bodies = [
      JSON.stringify({ currency: 'USD', type: 'user' }),
      JSON.stringify({ source_account_id: missing, destination_account_id: sentinel.account, amount: '1', currency: 'USD' }),
      JSON.stringify({ source: 'bank_csv', date: '2025-02-30' }),
      'currency=USD&type=user',
      '<account><currency>USD</currency></account>',
    ];
    const contentTypes = [
      'text/plain', 'application/xml', 'application/x-www-form-urlencoded', 'application/octet-stream', 'application/json; charset=utf-8',
      'application/json; charset=utf-16', 'application/json; charset=latin1', 'APPLICATION/JSON', 'application/json;', 'application/jsonx',
      'application/vnd.api+json', 'application/json-patch+json', 'text/json', '*/*', 'image/png', 'application/json, text/plain',
      // Was a BUG (fixed): multipart/form-data with a body that is not multipart answers 500 (see the BUG case below).
    ];
    for (const route of routes) {
      for (const contentType of contentTypes) {
        for (const raw of bodies) await send({ route, raw, contentType });
      }
      for (const bytes of [Buffer.from([0xff, 0xfe, 0x00, 0x7b]), Buffer.from('{"currency":"\xff\xfe","type":"user"}', 'latin1'), Buffer.from([0xc3, 0x28]), Buffer.from('\ufeff{}', 'utf8')]) {
        await send({ route, raw: bytes });
      }
      for (const fields of [[], [['currency', 'USD'], ['type', 'user']], [['source', 'bank_csv'], ['date', 'not-a-date']], [['amount', '1'], ['amount', '2']], [['file_path', '../../etc/passwd']], [['__proto__', 'x']], [['constructor', 'x']]] as [string, string][][]) {
        await send({ route, multipart: { fields } });
      }
    }
    // Idempotency-Key headers that are not 1-255 visible ASCII characters.
    for (const key of ['a b', 'x'.repeat(256), 'é', '{"k": 1}']) {
      for (const route of routes) {
        const response = await send({ route, raw: JSON.stringify({ currency: 'USD', type: 'user' }), headers: { 'Idempotency-Key': key } });
        if (route !== '/recon/run' && response.status !== 400) throw new Error(`Idempotency-Key ${JSON.stringify(key)} on ${route}: ${response.status}`);
      }
    }
  }, 60_000);

  it('answers arbitrary JSON values (fc.anything, fc.jsonValue, fc.object) on every route with a well-formed 4xx', async () => {
    const valueArb = fc.oneof(
      fc.anything({ maxDepth: 4, withBoxedValues: true, withNullPrototype: true, withObjectString: true, withSparseArray: true, withTypedArray: true, withUnicodeString: true }),
      fc.jsonValue({ maxDepth: 6 }),
      fc.object({ maxDepth: 3, maxKeys: 8 }),
      fc.dictionary(fc.constantFrom('source_account_id', 'destination_account_id', 'amount', 'currency', 'type', 'source', 'date', 'metadata', 'file_path'), fc.oneof(fc.constantFrom(...nastyValues), fc.jsonValue({ maxDepth: 2 }))),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), valueArb, async (route, value) => {
        const request: FuzzRequest = { route, raw: JSON.stringify(value) ?? '' };
        const response = await send(request);
        if (response.status < 400) fail('An arbitrary value was accepted', request, response);
      }),
      { numRuns: 400 },
    );
  }, 120_000);

  it('answers arbitrary text, bytes and mutated JSON on every route with a well-formed 4xx', async () => {
    const template = JSON.stringify({ source_account_id: '00000000-0000-4000-8000-00000000f00d', destination_account_id: '00000000-0000-4000-8000-00000000cafe', amount: '10.00', currency: 'USD', metadata: { a: [1, 'b'] } });
    const mutated = fc.tuple(fc.nat(template.length - 1), fc.nat(template.length), fc.string({ maxLength: 4 }), fc.constantFrom('delete', 'insert', 'replace')).map(([at, span, text, how]) =>
      how === 'delete' ? template.slice(0, at) + template.slice(Math.min(template.length, at + 1 + (span % 5))) : how === 'insert' ? template.slice(0, at) + text + template.slice(at) : template.slice(0, at) + text + template.slice(at + text.length),
    );
    const rawArb: fc.Arbitrary<string | Buffer> = fc.oneof(
      fc.json({ maxDepth: 5 }),
      fc.string({ maxLength: 200 }),
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes)),
      mutated,
      fc.constantFrom('{"amount":' + '1'.repeat(400) + '}', `{"a":"${hugeAscii}"}`),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), rawArb, async (route, raw) => {
        const request: FuzzRequest = { route, raw };
        const response = await send(request);
        // The mutated template names accounts that do not exist: nothing can be posted.
        if (route === '/ledger/transfer/' && response.status < 400) fail('A transfer between accounts that do not exist was accepted', request, response);
        if (route === '/recon/run' && response.status < 400) fail('A recon run without a valid source was accepted', request, response);
      }),
      { numRuns: 350 },
    );
  }, 120_000);

  it('opens accounts exactly when the rules allow, with the documented code otherwise', async () => {
    await fc.assert(
      fc.asyncProperty(accountSpecArb, async (spec) => {
        const { body, headers } = buildAccount(spec);
        const raw = JSON.stringify(body);
        const parsed = JSON.parse(raw) as unknown;
        const request: FuzzRequest = { route: '/ledger/account/', raw, headers };
        const response = await send(request);
        const outcome = matchOutcome(expectAccount(parsed, headers), request, response);
        if (outcome.kind === 'account') {
          const view = response.body as Record<string, unknown>;
          const decimals = minorUnitsOfModel(outcome.currency);
          const given = parsed as Record<string, unknown>;
          const expected = {
            id: view.id,
            currency: outcome.currency,
            type: given.type,
            metadata: given.metadata ?? {},
            allow_overdraft: outcome.allowOverdraft,
            overdraft_limit: outcome.limitMinor === null ? null : minorToText(outcome.limitMinor, decimals),
            balance: minorToText(0n, decimals),
            created_at: view.created_at,
          };
          if (typeof view.id !== 'string' || !uuidPattern.test(view.id) || typeof view.created_at !== 'string' || !isoTimestamp.test(view.created_at)) fail('Bad account view', request, response);
          expect(view).toEqual(expected);
          model.open(view.id as string, outcome.currency, outcome.allowOverdraft, outcome.allowOverdraft ? outcome.limitMinor : null);
        }
        if (headers && response.status === 201) {
          // Idempotency: the same key and body answer the first response and open nothing more.
          const again = await send(request);
          expect({ status: again.status, body: again.body }).toEqual({ status: 201, body: response.body });
        }
      }),
      { numRuns: 350 },
    );
  }, 120_000);

  it('posts transfers exactly when the rules allow, with the documented code otherwise, and moves exactly that money', async () => {
    const now = Date.now();
    await fc.assert(
      fc.asyncProperty(transferSpecArb(now), async (spec) => {
        const { body, headers } = buildTransfer(spec, model, Date.now());
        const raw = JSON.stringify(body);
        const parsed = JSON.parse(raw) as Record<string, unknown>;
        const request: FuzzRequest = { route: '/ledger/transfer/', raw, headers };
        const outcomes = expectTransfer(parsed, headers, model, Date.now());
        const response = await send(request);
        if (response.status === 201 && !outcomes.some((candidate) => candidate.kind === 'transfer')) {
          // Unexpected, but money moved: keep the model true to the database before reporting it.
          const view = response.body as { id: string; source_account_id: string; destination_account_id: string; amount: string; currency: string };
          model.transfer(view.source_account_id, view.destination_account_id, view.currency, textToMinor(view.amount, minorUnitsOfModel(view.currency)));
          postedTransfers.add(view.id);
        }
        const outcome = matchOutcome(outcomes, request, response);
        if (outcome.kind === 'transfer') {
          const view = response.body as Record<string, unknown>;
          const decimals = minorUnitsOfModel(outcome.currency);
          if (typeof view.id !== 'string' || !uuidPattern.test(view.id) || postedTransfers.has(view.id)) fail('Bad or repeated transfer id', request, response);
          expect(view).toEqual({
            id: view.id,
            source_account_id: outcome.source,
            destination_account_id: outcome.destination,
            amount: minorToText(outcome.amountMinor, decimals),
            currency: outcome.currency,
            reference: parsed.reference ?? null,
            metadata: parsed.metadata ?? {},
            status: 'posted',
            created_at: expect.stringMatching(isoTimestamp),
            occurred_at: typeof parsed.occurred_at === 'string' ? new Date(parsed.occurred_at).toISOString() : view.created_at,
          });
          model.transfer(outcome.source, outcome.destination, outcome.currency, outcome.amountMinor);
          postedTransfers.add(view.id as string);
        }
        if (headers && spec.header.kind === 'fresh') {
          // The same key and body: the first response again (a 201 is not posted twice; a refusal is not stored).
          const again = await send(request);
          expect({ status: again.status, body: again.body }).toEqual({ status: response.status, body: response.body });
          if (response.status === 201) {
            const other = await send({ ...request, raw: JSON.stringify({ ...parsed, reference: `changed-${Date.now()}` }) });
            expect({ status: other.status, code: (other.body as { code?: string }).code }).toEqual({ status: 409, code: 'IDEMPOTENCY_KEY_REUSED' });
          }
        }
      }),
      { numRuns: 900 },
    );
    expect(stats.count('/ledger/transfer/', 201)).toBeGreaterThan(50);
    expect(stats.count('/ledger/transfer/', 422)).toBeGreaterThan(50);
  }, 180_000);

  it('starts a recon job only for a configured source and a calendar date', async () => {
    await fc.assert(
      fc.asyncProperty(reconBodyArb, fc.boolean(), async ({ body }, asMultipart) => {
        const raw = JSON.stringify(body);
        const parsed = JSON.parse(raw) as Record<string, unknown>;
        const fields = Object.entries(parsed).map(([key, value]): [string, string] => [key, typeof value === 'string' ? value : JSON.stringify(value)]);
        const request: FuzzRequest = asMultipart ? { route: '/recon/run', multipart: { fields } } : { route: '/recon/run', raw };
        const response = await send(request);
        const source = asMultipart ? fields.find(([key]) => key === 'source')?.[1] : parsed.source;
        const date = asMultipart ? fields.find(([key]) => key === 'date')?.[1] : parsed.date;
        if (response.status === 202) {
          const view = response.body as { job_id?: unknown; status?: unknown };
          if (source !== 'bank_csv' || !isCalendarDate(date)) fail('A recon job started without a configured source and a calendar date', request, response);
          if (typeof view.job_id !== 'string' || !uuidPattern.test(view.job_id) || typeof view.status !== 'string') fail('Bad recon job view', request, response);
          reconJobsStarted += 1;
        } else if (response.status < 400) fail(`Unexpected ${response.status}`, request, response);
      }),
      { numRuns: 350 },
    );
  }, 120_000);

  // ----------------------------------------------------------------------------------------------------
  // Regressions: bugs this suite found that were fixed while it was written (each answered 500 or a 201).

  // Was: 5,000 levels of nesting (about 20 KB) answered 500, "RangeError: Maximum call stack size exceeded" in
  // class-transformer's plainToInstance. Now refused before validation.
  it('refuses 5,000 levels of nesting with a 4xx, not a 500', async () => {
    const raw = `{"currency":"USD","type":"user","metadata":${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}}`;
    const response = await send({ route: '/ledger/account/', raw });
    const array = await send({ route: '/ledger/transfer/', raw: `${'['.repeat(5_000)}${']'.repeat(5_000)}` });
    const recon = await send({ route: '/recon/run', raw: `{"source":${'['.repeat(5_000)}${']'.repeat(5_000)}}` });
    expect([response.status, array.status, recon.status]).toEqual([400, 400, 400]);
  });

  // Was: unknown fields named like Object.prototype members (toString, valueOf, hasOwnProperty, constructor,
  // isPrototypeOf, propertyIsEnumerable, toLocaleString, __defineGetter__) or "prototype" were silently accepted
  // (201, and a transfer posted) although unknown fields are 400 VALIDATION_FAILED.
  it('refuses unknown fields named like Object.prototype members like any unknown field', async () => {
    const { account, float } = await ledger.fundedAccount('10.00');
    const names = ['toString', 'valueOf', 'hasOwnProperty', 'constructor', 'isPrototypeOf', 'propertyIsEnumerable', 'toLocaleString', '__defineGetter__', 'prototype'];
    const statuses: number[] = [];
    for (const name of names) {
      const opened = await send({ route: '/ledger/account/', raw: JSON.stringify({ currency: 'USD', type: 'user', [name]: 'x' }) });
      const posted = await send({ route: '/ledger/transfer/', raw: JSON.stringify({ source_account_id: float, destination_account_id: account, amount: '1.00', currency: 'USD', [name]: null }) });
      statuses.push(opened.status, posted.status);
    }
    bugAccounts.push({ id: account, balance: minorToText(1_000n + 100n * BigInt(statuses.filter((status, index) => index % 2 === 1 && status === 201).length), 2) });
    expect(statuses.every((status) => status === 400)).toBe(true);
  });

  // Was: POST /recon/run as multipart with a field named __proto__, constructor, toString or hasOwnProperty
  // answered 500 (receiveRunRequest collected fields with `fields[part.fieldname] = part.value`).
  it('refuses multipart fields named like Object.prototype members with a 4xx, not a 500', async () => {
    for (const field of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf']) {
      const response = await send({ route: '/recon/run', multipart: { fields: [['source', 'bank_csv'], ['date', '2019-03-14'], [field, 'x']] } });
      expect({ field, status: response.status }).toEqual({ field, status: 400 });
    }
  });

  // ----------------------------------------------------------------------------------------------------
  // Bugs found by this suite, all fixed: each reproduced once, with the behaviour the README asks for.

  // Was a BUG (fixed): a NUL character (\u0000) in a transfer's reference answers 500 INTERNAL_ERROR: validation accepts it
  // (1-128 characters), then PostgreSQL refuses it on INSERT ("invalid byte sequence for encoding UTF8: 0x00").
  // Expected: 400 VALIDATION_FAILED naming reference (or storing it escaped). Nothing is posted (rolled back).
  it('fixed: a NUL character in reference is refused with a 4xx, not a 500', async () => {
    const { account, float } = await ledger.fundedAccount('10.00');
    const response = await sendFuzz(http, { route: '/ledger/transfer/', raw: JSON.stringify({ source_account_id: float, destination_account_id: account, amount: '1.00', currency: 'USD', reference: 'INV\u00001' }) });
    bugAccounts.push({ id: account, balance: response.status === 201 ? '11.00' : '10.00' });
    expect(response.status).toBeLessThan(500);
  });

  // Was a BUG (fixed): a NUL character in metadata (a value or a key) answers 500 on both POST /ledger/account/ and
  // POST /ledger/transfer/: jsonb cannot hold \u0000. Expected: 400 VALIDATION_FAILED naming metadata.
  it('fixed: a NUL character in metadata is refused with a 4xx, not a 500', async () => {
    const response = await sendFuzz(http, { route: '/ledger/account/', raw: JSON.stringify({ currency: 'USD', type: 'user', metadata: { note: 'a\u0000b' } }) });
    expect(response.status).toBeLessThan(500);
  });

  // Was a BUG (fixed): a lone UTF-16 surrogate written as a JSON escape ("\ud800") in reference or metadata answers 500:
  // JSON.parse accepts it, PostgreSQL's json parser refuses it ("invalid input syntax for type json").
  // Expected: 400 VALIDATION_FAILED (the text is not valid Unicode).
  it('fixed: a lone surrogate in reference or metadata is refused with a 4xx, not a 500', async () => {
    const { account, float } = await ledger.fundedAccount('10.00');
    const raw = `{"source_account_id":"${float}","destination_account_id":"${account}","amount":"1.00","currency":"USD","reference":"\\ud800"}`;
    const response = await sendFuzz(http, { route: '/ledger/transfer/', raw });
    const account2 = await sendFuzz(http, { route: '/ledger/account/', raw: '{"currency":"USD","type":"user","metadata":{"a":"\\udc00"}}' });
    bugAccounts.push({ id: account, balance: response.status === 201 ? '11.00' : '10.00' });
    expect([response.status, account2.status].every((status) => status < 500)).toBe(true);
  });

  // Was a BUG (fixed): {"allow_overdraft": false, "overdraft_limit": "20"} answers 500: the handler keeps the limit with
  // allow_overdraft=false and the accounts table's CHECK (overdraft_limit IS NULL OR allow_overdraft) refuses the
  // row. Expected: 400 VALIDATION_FAILED naming overdraft_limit (or the limit ignored). Same with "0".
  it('fixed: allow_overdraft false with an overdraft_limit is refused with a 4xx, not a 500', async () => {
    const response = await sendFuzz(http, { route: '/ledger/account/', raw: JSON.stringify({ currency: 'USD', type: 'user', allow_overdraft: false, overdraft_limit: '20' }) });
    expect(response.status).toBeLessThan(500);
  });

  // Was a BUG (fixed): POST /recon/run with Content-Type multipart/form-data and a body that is not multipart (no parts, a
  // truncated body, or no boundary) answers 500 ("Unexpected end of multipart data" from @fastify/multipart).
  // Expected: 400 (e.g. MALFORMED_REQUEST or VALIDATION_FAILED).
  it('fixed: a malformed multipart body on /recon/run is refused with a 4xx, not a 500', async () => {
    const truncated = await sendFuzz(http, { route: '/recon/run', raw: 'garbage', contentType: 'multipart/form-data; boundary=xyz' });
    const noBoundary = await sendFuzz(http, { route: '/recon/run', raw: 'garbage', contentType: 'multipart/form-data' });
    expect([truncated.status, noBoundary.status].every((status) => status < 500)).toBe(true);
  });

  // Was a BUG (fixed): an existing account's id in upper case passes validation (a UUID is case-insensitive) and PostgreSQL
  // finds and locks the row, but the handler looks the account up by the string as sent, so the answer is
  // 404 ACCOUNT_NOT_FOUND "Account 30CDC994-... does not exist" while GET /ledger/account/<lower> shows it. With
  // the same account in both cases (upper and lower) the answer is 404 instead of 422 SAME_ACCOUNT. No money
  // moves. Expected: the same decision as for the lower-case id (201 here), or a 400 refusing non-canonical ids.
  it('fixed: an upper-case id of an existing account is the same account', async () => {
    const { account, float } = await ledger.fundedAccount('10.00');
    const response = await ledger.transfer(float.toUpperCase(), account, '1.00');
    bugAccounts.push({ id: account, balance: response.status === 201 ? '11.00' : '10.00' });
    expect(response.status).toBe(201);
  });

  // Was a BUG (fixed): the README orders VALIDATION_FAILED before SAME_ACCOUNT, but a transfer with the same account on both
  // sides and an occurred_at in the future answers 422 SAME_ACCOUNT: TransferHandler checks distinct accounts
  // before assertOccurredAt. Expected: 400 VALIDATION_FAILED naming occurred_at.
  it('fixed: a future occurred_at is reported before SAME_ACCOUNT', async () => {
    const { account } = await ledger.fundedAccount('10.00');
    const response = await ledger.transfer(account, account, '1.00', { occurred_at: new Date(Date.now() + 86_400_000).toISOString() });
    bugAccounts.push({ id: account, balance: '10.00' });
    expect({ status: response.status, code: response.body.code }).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
  });

  // Was a BUG (fixed): POST /recon/run with "allowed_amount_diff": null answers 500: the DTO's @IsOptional() lets null through
  // and the controller runs new Decimal(null) ("[DecimalError] Invalid argument: null"). Expected: 400
  // VALIDATION_FAILED, or null taken as "not given" as for account_id.
  it('fixed: allowed_amount_diff null is refused with a 4xx (or ignored), not a 500', async () => {
    const response = await sendFuzz(http, { route: '/recon/run', raw: JSON.stringify({ source: 'bank_csv', date: '2019-03-14', file_path: 'bank_dump.csv', allowed_amount_diff: null }) });
    if (response.status === 202) reconJobsStarted += 1;
    expect(response.status).toBeLessThan(500);
  });

  // Was a BUG: "fuzzy_threshold": null was refused naming the internal field (fuzzyThreshold). Now null, like an
  // absent field, means the default; a bad value is refused naming the API's field.
  it('fixed: recon parameters: null means the default, a bad value names the API field', async () => {
    const defaulted = await sendFuzz(http, { route: '/recon/run', raw: JSON.stringify({ source: 'bank_csv', date: '2019-03-14', file_path: 'bank_dump.csv', fuzzy_threshold: null }) });
    if (defaulted.status === 202) reconJobsStarted += 1;
    expect(defaulted.status).toBe(202);
    const refused = await sendFuzz(http, { route: '/recon/run', raw: JSON.stringify({ source: 'bank_csv', date: '2019-03-14', file_path: 'bank_dump.csv', fuzzy_threshold: 2 }) });
    expect((refused.body as { details?: { field: string }[] }).details?.[0]?.field).toBe('fuzzy_threshold');
  });

  // Was a BUG (fixed): occurred_at in ISO 8601 forms that the validator (IsISO8601 strict) accepts but JavaScript's Date cannot
  // parse answers 500: basic format "20190713T091430Z", week dates "2019-W28-7", ordinal dates "2019-194",
  // "2019-07-13T0914", a decimal comma "09:14:30,5Z". new Date(text) is Invalid Date and the handler goes on with
  // it. Nothing is posted. Expected: 400 VALIDATION_FAILED naming occurred_at (or the right instant).
  it('fixed: ISO 8601 forms Date cannot read are refused with a 4xx, not a 500', async () => {
    const { account, float } = await ledger.fundedAccount('10.00');
    const statuses = [];
    for (const occurredAt of ['20190713T091430Z', '2019-W28-7', '2019-194', '2019-07-13T0914', '2019-07-13T09:14:30,5Z']) {
      statuses.push((await ledger.transfer(account, float, '1.00', { occurred_at: occurredAt })).status);
    }
    bugAccounts.push({ id: account, balance: minorToText(1_000n - 100n * BigInt(statuses.filter((status) => status === 201).length), 2) });
    expect(statuses.every((status) => status < 500)).toBe(true);
  });

  // ----------------------------------------------------------------------------------------------------

  it('moved no money but the transfers it legitimately posted, and kept every invariant', async () => {
    const db = context.app.get(DataSource);
    // Recon jobs started by the fuzzer run in the background: let them finish before the app closes.
    for (let waited = 0; waited < 30_000; waited += 200) {
      const [{ running }] = await db.query(`SELECT count(*)::int AS running FROM recon_jobs WHERE status IN ('pending', 'running')`);
      if (running === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }

    expect({ account: await ledger.balance(sentinel.account), float: await ledger.balance(sentinel.float) }).toEqual({ account: '1000.00', float: '-1000.00' });
    // The requests that answered 500 in the BUG cases moved nothing.
    for (const { id, balance } of bugAccounts) expect({ id, balance: await ledger.balance(id) }).toEqual({ id, balance });

    const ids = [...model.accounts.keys()];
    const balances = await Promise.all(ids.map((id) => ledger.balance(id)));
    expect(Object.fromEntries(ids.map((id, index) => [id, balances[index]]))).toEqual(Object.fromEntries(ids.map((id) => [id, model.balanceText(id)])));

    const [{ transfers }] = await db.query(`SELECT count(*)::int AS transfers FROM transfers WHERE source_account_id = ANY($1::uuid[]) OR destination_account_id = ANY($1::uuid[])`, [ids]);
    expect(transfers).toBe(postedTransfers.size);
    const [{ events }] = await db.query(`SELECT count(*)::int AS events FROM events WHERE stream_id = ANY($1::uuid[])`, [ids]);
    expect(events).toBe(ids.length + 2 * postedTransfers.size);
    const [{ sentinelEvents }] = await db.query(`SELECT count(*)::int AS "sentinelEvents" FROM events WHERE stream_id = ANY($1::uuid[])`, [[sentinel.account, sentinel.float]]);
    expect(sentinelEvents).toBe(4); // two AccountOpened, one debit, one credit

    const sums: { currency: string; total: string }[] = await db.query(`SELECT currency, sum(balance)::text AS total FROM account_balances GROUP BY currency`);
    for (const { currency, total } of sums) expect({ currency, total: textToMinor(total, 4) }).toEqual({ currency, total: 0n });
    for (const [currency, total] of model.sumsByCurrency()) expect({ currency, total }).toEqual({ currency, total: 0n });

    const [{ broken }] = await db.query(
      `SELECT count(*)::int AS broken FROM account_balances b JOIN accounts a ON a.id = b.account_id
        WHERE (NOT a.allow_overdraft AND b.balance < 0) OR (a.overdraft_limit IS NOT NULL AND b.balance < -a.overdraft_limit)`,
    );
    expect(broken).toBe(0);

    expect(stats.total).toBeGreaterThanOrEqual(1_500);
    if (process.env.FUZZ_STATS) console.log({ requests: stats.total, reconJobsStarted, postedTransfers: postedTransfers.size, accounts: ids.length, ...stats.table() });
  }, 60_000);
});
