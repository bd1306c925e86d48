import pg from 'pg';
import { writeSyntheticLog } from '../../scripts/bench/synthetic-log.js';
import { runCli } from '../support/run-cli.js';
import { ScratchDatabase } from '../support/scratch-database.js';

/** An event's own hash, as the append computes it (events written in blocks). */
const ownHash = (position: number) =>
  `UPDATE events SET hash = tally_event_hash(position, id, stream_id, stream_version, type, schema_version, payload, metadata, occurred_at, recorded_at) WHERE position = ${position}`;
/** An event's hash chained to its predecessor's, as before blocks. */
const chainedHash = (position: number) =>
  `UPDATE events SET hash = sha256((SELECT hash FROM events WHERE position = ${position - 1})
     || convert_to(tally_event_canonical(position, id, stream_id, stream_version, type, schema_version, payload, metadata, occurred_at, recorded_at), 'UTF8'))
   WHERE position = ${position}`;
/** A block's hash over its (possibly edited) events' hashes. */
const blockHash = (block: number) =>
  `UPDATE event_blocks b SET hash = sha256(b.previous_hash || (SELECT string_agg(hash, ''::bytea ORDER BY position) FROM events WHERE position BETWEEN b.first_position AND b.last_position))
   WHERE block = ${block}`;
/** Recomputes every block's hash and link from `block` on, and the head: the chain is whole again over edited events. */
const rechainFrom = (block: number) => `
  DO $$ BEGIN
    FOR n IN ${block}..(SELECT max(block) FROM event_blocks) LOOP
      UPDATE event_blocks SET previous_hash = (SELECT hash FROM event_blocks WHERE block = n - 1) WHERE block = n;
      ${blockHash(0).replace('block = 0', 'block = n')};
    END LOOP;
    UPDATE event_chain SET last_hash = (SELECT hash FROM event_blocks ORDER BY block DESC LIMIT 1);
  END $$`;
const headHashOf = (stdout: string) => /Chain head ([0-9a-f]{64})\./.exec(stdout)?.[1];

/**
 * verify passes on honest logs and fails on tampered copies of them: rows edited or deleted by a superuser with the
 * append-only triggers switched off, hashes recomputed to hide an edit, and a projection changed behind the log's back.
 * Two logs: one seeded through the API (every event in blocks, one block per write), and one whose first events were
 * written before blocks existed, chained one to the next, which the genesis block (block 0) covers.
 */
describe('verify', () => {
  let honest: ScratchDatabase;
  let honestHead: string;
  const copies: ScratchDatabase[] = [];

  beforeAll(async () => {
    honest = await ScratchDatabase.create('tally_verify');
    expect((await runCli(['seed', '--recon'], { DATABASE_URL: honest.url })).code).toBe(0);
    honestHead = (await honest.query(`SELECT encode(last_hash, 'hex') AS head FROM event_chain`)).rows[0].head;
  });
  afterAll(async () => {
    for (const database of [...copies, honest]) await database?.drop();
  });

  const tamperedCopy = async (sql: string, template = honest) => {
    const copy = await ScratchDatabase.create('tally_tampered', template.name);
    copies.push(copy);
    await copy.query(`ALTER TABLE events DISABLE TRIGGER USER; ALTER TABLE event_blocks DISABLE TRIGGER USER; ${sql}; ALTER TABLE events ENABLE TRIGGER USER; ALTER TABLE event_blocks ENABLE TRIGGER USER;`);
    return runCli(['verify'], { DATABASE_URL: copy.url, MIGRATIONS_RUN: 'false' });
  };

  it('passes on the honest log and prints its head hash', async () => {
    const result = await runCli(['verify'], { DATABASE_URL: honest.url });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Replayed 17 events: 5 accounts, 6 transfers/);
    expect(headHashOf(result.stdout)).toBe(honestHead);
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

  describe('the log in blocks', () => {
    it('fails when an amount is edited in place: its hash and its transfer', async () => {
      const result = await tamperedCopy(`UPDATE events SET payload = jsonb_set(payload, '{amount}', '"1.00"') WHERE position = 8`);
      expect(result.code).toBe(1);
      expect(result.stdout).toContain('event 8: stored hash does not match its content (edited)');
      expect(result.stdout).toContain('transfer_unbalanced');
    });

    it("fails when the edit also recomputes the event's own hash: its block's hash no longer matches", async () => {
      const result = await tamperedCopy(`UPDATE events SET metadata = '{"actor":"mallory"}' WHERE position = 8; ${ownHash(8)}`);
      expect(result.code).toBe(1);
      expect(result.stdout).not.toContain('hash_chain_broken');
      expect(result.stdout).toContain("block 6 its hash does not match its events (an event or its hash was edited)");
    });

    it("fails when the edit also recomputes the event's and its block's hashes: the next block's link breaks", async () => {
      const result = await tamperedCopy(`UPDATE events SET metadata = '{"actor":"mallory"}' WHERE position = 8; ${ownHash(8)}; ${blockHash(6)}`);
      expect(result.code).toBe(1);
      expect(result.stdout).not.toContain('block 6 ');
      expect(result.stdout).toContain("block 7 does not link to the previous block's hash");
    });

    it('fails when an event is deleted in the middle: its block misses it', async () => {
      const result = await tamperedCopy(`DELETE FROM events WHERE position = 6`);
      expect(result.code).toBe(1);
      expect(result.stdout).toContain('block 5 covers positions 6-7 but 1 of its events exist');
    });

    it('fails when the last event is deleted: the last block misses it', async () => {
      const result = await tamperedCopy(`DELETE FROM events WHERE position = 17`);
      expect(result.code).toBe(1);
      expect(result.stdout).toContain('block 11 covers positions 16-17 but 1 of its events exist');
      expect(result.stdout).toContain('chain_head_mismatch');
    });

    it('fails when the last block is deleted with its events and the head is left: the head names a block that is gone', async () => {
      const result = await tamperedCopy(`DELETE FROM events WHERE position >= 16; DELETE FROM event_blocks WHERE block = 11`);
      expect(result.code).toBe(1);
      expect(result.stdout).toContain('the chain head (position 17, block 11) does not end at the last block (10, position 15)');
    });

    // What a superuser can do that verify cannot see without a head hash kept elsewhere: cut the log's end (or
    // rewrite every block after an edit) and set the head to match. The chain is whole again, only shorter or
    // different; what is left to catch it is a projection they forgot, and the head hash that verify prints.
    const cutLastTransfer = `DELETE FROM events WHERE position >= 16; DELETE FROM event_blocks WHERE block = 11;
      UPDATE event_chain c SET last_position = b.last_position, last_hash = b.hash, last_block = b.block FROM event_blocks b WHERE b.block = 10`;

    it('fails when the head is rewound with them but the balance projection still has the transfer', async () => {
      const result = await tamperedCopy(cutLastTransfer);
      expect(result.code).toBe(1);
      expect(result.stdout).not.toMatch(/hash_chain_broken|block_chain_broken|chain_head_mismatch/);
      expect(result.stdout).toContain('projection_mismatch');
    });

    it('cannot tell a log cut at a block boundary with its head and projections rewound: only the head hash differs', async () => {
      const rewindBalances = `UPDATE account_balances b
        SET balance = b.balance + CASE e.type WHEN 'AccountDebited' THEN 1 ELSE -1 END * (e.payload->>'amount')::numeric, version = b.version - 1
        FROM events e WHERE e.position >= 16 AND e.stream_id = b.account_id`;
      const result = await tamperedCopy(`${rewindBalances}; ${cutLastTransfer}`);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/Replayed 15 events: 5 accounts, 5 transfers/);
      expect(headHashOf(result.stdout)).not.toBe(honestHead);
    });

    it('finds a wrong ledger under a whole chain, as a writer bug would leave it: versions and balance_after', async () => {
      const result = await tamperedCopy(`UPDATE events SET stream_version = 5 WHERE position = 7; ${ownHash(7)};
        UPDATE events SET payload = jsonb_set(payload, '{balance_after}', '"451"') WHERE position = 9; ${ownHash(9)}; ${rechainFrom(5)}`);
      expect(result.code).toBe(1);
      expect(result.stdout).not.toMatch(/hash_chain_broken|block_chain_broken|chain_head_mismatch/);
      expect(result.stdout).toMatch(/stream_out_of_order +8 +account [0-9a-f-]+: version 3 follows 5/);
      expect(result.stdout).toContain('event 9: balance_after 451 but the log sums to 450');
    });

    it('fails when a projection disagrees with the log', async () => {
      const result = await tamperedCopy(`UPDATE account_balances SET balance = balance + 1 WHERE account_id = (SELECT stream_id FROM events WHERE type = 'AccountCredited' LIMIT 1)`);
      expect(result.code).toBe(1);
      expect(result.stdout).toContain('projection_mismatch');
      expect(result.stdout).toContain('currency_not_zero');
    });
  });

  describe('a log begun before blocks', () => {
    let chained: ScratchDatabase;

    // 4 accounts and 12 transfers: positions 1-10 chained the old way (block 0), then blocks 1-5 of up to 4 events.
    beforeAll(async () => {
      chained = await ScratchDatabase.create('tally_verify_chained');
      const client = new pg.Client({ connectionString: chained.url });
      await client.connect();
      try {
        await writeSyntheticLog(client, chained.url, { accounts: 4, transfers: 12, blockSize: 4, genesisEvents: 10 });
      } finally {
        await client.end();
      }
    });
    afterAll(async () => {
      await chained?.drop();
    });

    it('passes when honest, through the genesis block and many later blocks', async () => {
      expect((await chained.query(`SELECT count(*)::int AS blocks FROM event_blocks`)).rows).toEqual([{ blocks: 6 }]);
      const result = await runCli(['verify'], { DATABASE_URL: chained.url });
      expect(result.stdout).toMatch(/Replayed 28 events: 4 accounts, 12 transfers/);
      expect(result.code).toBe(0);
    });

    it('fails when an old event is edited', async () => {
      const result = await tamperedCopy(`UPDATE events SET metadata = '{"actor":"mallory"}' WHERE position = 6`, chained);
      expect(result.code).toBe(1);
      expect(result.stdout).toContain('event 6: stored hash does not match its content and predecessor');
    });

    it("fails when an old event is edited and its chained hash recomputed: the next event's link breaks", async () => {
      const result = await tamperedCopy(`UPDATE events SET metadata = '{"actor":"mallory"}' WHERE position = 6; ${chainedHash(6)}`, chained);
      expect(result.code).toBe(1);
      expect(result.stdout).not.toContain('event 6:');
      expect(result.stdout).toContain('event 7: stored hash does not match its content and predecessor');
    });

    it('fails when the rest of the old chain is recomputed too: it no longer ends at the genesis block hash', async () => {
      const rehashed = [6, 7, 8, 9, 10].map(chainedHash).join('; ');
      const result = await tamperedCopy(`UPDATE events SET metadata = '{"actor":"mallory"}' WHERE position = 6; ${rehashed}`, chained);
      expect(result.code).toBe(1);
      expect(result.stdout).not.toMatch(/event \d+: stored hash/);
      expect(result.stdout).toContain("the events chained before blocks end at 10 with a hash that is not the genesis block's (which ends at 10)");
    });

    it('fails when an old event is deleted in the middle or at the end of the old chain', async () => {
      const middle = await tamperedCopy(`DELETE FROM events WHERE position = 5`, chained);
      expect(middle.code).toBe(1);
      expect(middle.stdout).toContain('event 6: stored hash does not match its content and predecessor');
      expect(middle.stdout).toContain('block 0 covers positions 1-10 but 9 of its events exist');
      const last = await tamperedCopy(`DELETE FROM events WHERE position = 10`, chained);
      expect(last.code).toBe(1);
      expect(last.stdout).toContain("the events chained before blocks end at 9 with a hash that is not the genesis block's (which ends at 10)");
    });
  });
});
