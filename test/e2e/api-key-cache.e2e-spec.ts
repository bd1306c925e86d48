import { jest } from '@jest/globals';
import { DataSource } from 'typeorm';
import { generateApiKey } from '../../src/auth/api-key-format.js';
import { ApiKeyRevocations } from '../../src/auth/api-key-revocations.js';
import { ApiKeyUsage } from '../../src/auth/api-key-usage.js';
import { ApiKeyStore } from '../../src/auth/api-key.store.js';
import { eventually } from '../support/poll.js';
import { useTestApp } from '../support/test-app.js';

const testActor = { actor: 'test-suite' };

/** ApiKeyStore with its cache and the LISTEN connection that keeps it honest, in one app on the test database. */
describe('API key cache', () => {
  const context = useTestApp({ AUTH_REQUIRED: 'true', API_KEY_LAST_USED_FLUSH_SECONDS: '2' });
  let store: ApiKeyStore;
  let revocations: ApiKeyRevocations;
  let dataSource: DataSource;
  let counter = 0;

  beforeAll(async () => {
    store = context.app.get(ApiKeyStore);
    revocations = context.app.get(ApiKeyRevocations);
    dataSource = context.app.get(DataSource);
    await eventually(async () => revocations.listening || undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  const newKey = () => store.create(`cache-${Date.now()}-${counter++}`, ['ledger:read'], testActor);
  /** Revokes as a hand in the database would, without the notice ApiKeyStore.revoke sends. */
  const revokeSilently = (id: string) => dataSource.query(`UPDATE api_keys SET revoked_at = now() WHERE id = $1`, [id]);
  /** The key lookups authenticate() makes from now on (other queries, such as the usage flush, left out). */
  const countLookups = () => {
    const query = jest.spyOn(dataSource, 'query');
    return () => query.mock.calls.filter(([sql]) => /^SELECT name, key_hash/.test(sql)).length;
  };

  it('checks a cached key without a database round trip, the secret still compared', async () => {
    const created = await newKey();
    const lookups = countLookups();
    expect(await store.authenticate(created.key)).toEqual({ id: `key:${created.id}`, name: created.name, scopes: ['ledger:read'] });
    expect(lookups()).toBe(1);
    expect(await store.authenticate(created.key)).toEqual({ id: `key:${created.id}`, name: created.name, scopes: ['ledger:read'] });
    const wrongSecret = created.key.slice(0, -4) + (created.key.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    expect(await store.authenticate(wrongSecret)).toBeUndefined();
    expect(lookups()).toBe(1);
  });

  it('does not remember unknown ids: a key created later must work at once on every replica', async () => {
    const lookups = countLookups();
    const unknown = generateApiKey().key;
    expect(await store.authenticate(unknown)).toBeUndefined();
    expect(await store.authenticate(unknown)).toBeUndefined();
    expect(lookups()).toBe(2);
  });

  it('refuses a key revoked through the store at once, and remembers the refusal', async () => {
    const created = await newKey();
    await store.authenticate(created.key);
    await store.revoke({ id: created.id }, testActor);
    const lookups = countLookups();
    expect(await store.authenticate(created.key)).toBeUndefined();
    expect(await store.authenticate(created.key)).toBeUndefined();
    expect(lookups()).toBe(1);
  });

  it('drops a key when its revocation is announced on tally_api_keys', async () => {
    const created = await newKey();
    await store.authenticate(created.key);
    await revokeSilently(created.id);
    // No notice: the cache cannot know, which is why every change of a key goes through ApiKeyStore.
    expect(await store.authenticate(created.key)).toBeDefined();
    const sent = Date.now();
    await dataSource.query(`SELECT pg_notify('tally_api_keys', $1)`, [created.id]);
    await eventually(async () => ((await store.authenticate(created.key)) ? undefined : true), 1_500);
    expect(Date.now() - sent).toBeLessThan(1_500);
  });

  it('reads every key from the database while the listener is down', async () => {
    const cached = await newKey();
    await store.authenticate(cached.key);
    await revocations.stop();
    try {
      expect(revocations.listening).toBe(false);
      await revokeSilently(cached.id);
      expect(await store.authenticate(cached.key)).toBeUndefined();
      const fresh = await newKey();
      const lookups = countLookups();
      expect(await store.authenticate(fresh.key)).toBeDefined();
      expect(await store.authenticate(fresh.key)).toBeDefined();
      expect(lookups()).toBe(2);
    } finally {
      revocations.start();
    }
    await eventually(async () => revocations.listening || undefined);
  });

  it('turns the cache off when the listening connection is lost, and reconnects with an empty cache', async () => {
    const listener = async (): Promise<number | undefined> => {
      const rows: { pid: number }[] = await dataSource.query(
        `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'tally-api-key-revocations'`,
      );
      return rows.length === 1 ? rows[0].pid : undefined;
    };
    const created = await newKey();
    await store.authenticate(created.key);
    await revokeSilently(created.id);
    expect(await store.authenticate(created.key)).toBeDefined();

    const before = await eventually(listener);
    await dataSource.query(`SELECT pg_terminate_backend($1)`, [before]);
    await eventually(async () => ((await store.authenticate(created.key)) ? undefined : true), 1_500);
    const after = await eventually(async () => {
      const pid = await listener();
      return pid !== undefined && pid !== before && revocations.listening ? pid : undefined;
    });
    expect(after).not.toBe(before);
    expect(await store.authenticate(created.key)).toBeUndefined();
  });

  it('writes last_used_at after the flush interval, not while authenticating', async () => {
    // Written now, so that no interval begun by an earlier test is under way.
    await context.app.get(ApiKeyUsage).flush();
    const created = await newKey();
    const usedAt = async () => ((await dataSource.query(`SELECT last_used_at FROM api_keys WHERE id = $1`, [created.id])) as { last_used_at: Date | null }[])[0].last_used_at;
    const query = jest.spyOn(dataSource, 'query');
    const started = Date.now();
    await store.authenticate(created.key);
    await store.authenticate(created.key);
    expect(query.mock.calls.filter(([sql]) => /UPDATE api_keys/.test(sql))).toHaveLength(0);
    expect(await usedAt()).toBeNull();
    const written = await eventually(async () => (await usedAt()) ?? undefined, 10_000);
    // The interval is 2 s: not before it, and not much after.
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_900);
    expect(written.getTime()).toBeGreaterThanOrEqual(started);
    expect(query.mock.calls.filter(([sql]) => /UPDATE api_keys/.test(sql))).toHaveLength(1);
  });
});
