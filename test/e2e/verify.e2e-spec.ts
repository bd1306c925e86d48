import { runCli } from '../support/run-cli.js';
import { ScratchDatabase } from '../support/scratch-database.js';

/**
 * verify passes on an honest log and fails on tampered copies of it: rows edited or deleted by a superuser
 * with the append-only triggers switched off, and a projection changed behind the log's back.
 */
describe('verify', () => {
  let honest: ScratchDatabase;
  const copies: ScratchDatabase[] = [];

  beforeAll(async () => {
    honest = await ScratchDatabase.create('tally_verify');
    expect((await runCli(['seed', '--recon'], { DATABASE_URL: honest.url })).code).toBe(0);
  });
  afterAll(async () => {
    for (const database of [...copies, honest]) await database?.drop();
  });

  const tamperedCopy = async (sql: string) => {
    const copy = await ScratchDatabase.create('tally_tampered', honest.name);
    copies.push(copy);
    await copy.query(`ALTER TABLE events DISABLE TRIGGER USER; ${sql}; ALTER TABLE events ENABLE TRIGGER USER;`);
    return runCli(['verify'], { DATABASE_URL: copy.url, MIGRATIONS_RUN: 'false' });
  };

  it('passes on the honest log', async () => {
    const result = await runCli(['verify'], { DATABASE_URL: honest.url });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Replayed 17 events: 5 accounts, 6 transfers/);
    expect(result.stdout).toContain('OK');
  });

  it('only reads: a database without the schema is reported (exit 1), not migrated', async () => {
    const empty = await ScratchDatabase.create('tally_verify_empty');
    copies.push(empty);
    const result = await runCli(['verify'], { DATABASE_URL: empty.url });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('run `tally migrate` first');
    expect((await empty.query(`SELECT to_regclass('schema_migrations') IS NULL AS missing`)).rows).toEqual([{ missing: true }]);
  });

  it('reports a schema behind this build (exit 1) and leaves it so', async () => {
    const behind = await ScratchDatabase.create('tally_verify_behind', honest.name);
    copies.push(behind);
    await behind.query(`DELETE FROM schema_migrations WHERE name = 'Observability1764140000000'`);
    const result = await runCli(['verify'], { DATABASE_URL: behind.url });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('not applied: Observability1764140000000');
    expect((await behind.query(`SELECT count(*)::int AS n FROM schema_migrations WHERE name = 'Observability1764140000000'`)).rows).toEqual([{ n: 0 }]);
  });

  it('fails when an amount is edited in place', async () => {
    const result = await tamperedCopy(`UPDATE events SET payload = jsonb_set(payload, '{amount}', '"1.00"') WHERE position = 8`);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('hash_chain_broken');
    expect(result.stdout).toContain('transfer_unbalanced');
  });

  it('fails when the edit also recomputes that row\'s hash', async () => {
    const result = await tamperedCopy(
      `UPDATE events SET metadata = '{"actor":"mallory"}' WHERE position = 5;
       UPDATE events SET hash = sha256((SELECT hash FROM events WHERE position = 4) || convert_to(tally_event_canonical(position, id, stream_id, stream_version, type, schema_version, payload, metadata, occurred_at, recorded_at), 'UTF8')) WHERE position = 5`,
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('hash_chain_broken');
  });

  it('fails when an event is deleted, in the middle or at the end', async () => {
    const middle = await tamperedCopy(`DELETE FROM events WHERE position = 6`);
    expect(middle.code).toBe(1);
    expect(middle.stdout).toContain('block_chain_broken');
    const last = await tamperedCopy(`DELETE FROM events WHERE position = (SELECT max(position) FROM events)`);
    expect(last.code).toBe(1);
    expect(last.stdout).toContain('chain_head_mismatch');
  });

  it('fails when a projection disagrees with the log', async () => {
    const result = await tamperedCopy(`UPDATE account_balances SET balance = balance + 1 WHERE account_id = (SELECT stream_id FROM events WHERE type = 'AccountCredited' LIMIT 1)`);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('projection_mismatch');
    expect(result.stdout).toContain('currency_not_zero');
  });
});
