import { parseMetrics, sampleValue } from '../support/metrics-text.js';
import { eventually } from '../support/poll.js';
import { runCli } from '../support/run-cli.js';
import { ScratchDatabase } from '../support/scratch-database.js';
import { ServerProcess } from '../support/server-process.js';

/** Two server processes on one database, each with its own API key cache, and a revocation from the CLI. */
describe('API keys on two replicas', () => {
  let database: ScratchDatabase;
  const replicas: ServerProcess[] = [];
  // last_used_at is then written only at shutdown.
  const env = () => ({ DATABASE_URL: database.url, AUTH_REQUIRED: 'true', API_KEY_LAST_USED_FLUSH_SECONDS: '3600' });
  let admin: string;

  const createKey = async (name: string, scopes: string) => {
    const created = await runCli(['create-api-key', '--name', name, '--scopes', scopes], env());
    expect(created.code).toBe(0);
    return created.stdout.trimEnd().split('\n').at(-1)!;
  };
  const idOf = (key: string) => key.slice(4, 36).replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5');
  const metrics = async (replica: ServerProcess) => parseMetrics((await replica.http().get('/metrics').set('Authorization', `Bearer ${admin}`).expect(200)).text);
  const status = async (replica: ServerProcess, key: string) => (await replica.http().get('/ledger/account/').set('Authorization', `Bearer ${key}`)).status;

  beforeAll(async () => {
    database = await ScratchDatabase.create('tally_key_replicas');
    replicas.push(...(await Promise.all([ServerProcess.start(env()), ServerProcess.start(env())])));
    admin = await createKey('replicas-admin', 'admin');
    for (const replica of replicas) {
      await eventually(async () => (sampleValue(await metrics(replica), 'tally_api_key_cache_enabled') === 1 ? true : undefined));
    }
  }, 120_000);
  afterAll(async () => {
    await Promise.all(replicas.map((replica) => replica.stop('SIGTERM')));
    await database?.drop();
  });

  it('refuses a key revoked from the CLI on both replicas within a second, having served it from their caches', async () => {
    const key = await createKey('replicated', 'ledger:read');
    const fromCache = async (replica: ServerProcess) => sampleValue(await metrics(replica), 'tally_api_key_lookups_total', { source: 'cache' }) ?? 0;
    for (const replica of replicas) {
      const before = await fromCache(replica);
      expect(await status(replica, key)).toBe(200);
      expect(await status(replica, key)).toBe(200);
      // The second request, and the admin key's scrapes, were answered without reading api_keys.
      expect((await fromCache(replica)) - before).toBeGreaterThanOrEqual(2);
    }

    // Both replicas are asked all along, while the CLI starts, revokes and exits.
    const refusedAt = replicas.map((replica) => eventually(async () => ((await status(replica, key)) === 401 ? Date.now() : undefined), 60_000));
    const revoked = await runCli(['revoke-api-key', '--id', idOf(key)], env());
    expect(revoked.code).toBe(0);
    // now() of the revoking transaction: its start, a little before its commit (same machine, same clock).
    const revokedAt = (await database.query(`SELECT revoked_at FROM api_keys WHERE name = 'replicated'`)).rows[0].revoked_at.getTime();
    const elapsed = (await Promise.all(refusedAt)).map((at) => at - revokedAt);
    // One second is the promise; the rest is room for a busy machine.
    for (const ms of elapsed) expect(ms).toBeLessThanOrEqual(1_500);
    for (const replica of replicas) expect(await status(replica, admin)).toBe(200);
  }, 120_000);

  it('writes last_used_at at shutdown, and exits cleanly with the listener open', async () => {
    const key = await createKey('used-once', 'ledger:read');
    expect(await status(replicas[1], key)).toBe(200);
    const before = await database.query(`SELECT last_used_at FROM api_keys WHERE name = 'used-once'`);
    expect(before.rows[0].last_used_at).toBeNull();
    const exitCodes = await Promise.all(replicas.splice(0).map((replica) => replica.stop('SIGTERM')));
    expect(exitCodes).toEqual([0, 0]);
    const after = await database.query(`SELECT last_used_at FROM api_keys WHERE name = 'used-once'`);
    expect(after.rows[0].last_used_at).toBeInstanceOf(Date);
  }, 120_000);
});
