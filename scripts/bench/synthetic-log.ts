import type pg from 'pg';
import { DataSource } from 'typeorm';
import { migrations } from '../../migrations/index.js';
import { dataSourceOptions } from '../../src/database/data-source-options.js';

/** The shape of a generated log: `transfers` transfers (two events each) over `accounts` accounts. */
export interface SyntheticLogShape {
  accounts: number;
  transfers: number;
  /** Events per block after the genesis block (the batch write path appends one block per batch). */
  blockSize: number;
  /** How many of the first events are written before blocks existed, chained the old way (block 0 covers them). */
  genesisEvents: number;
}

/**
 * Writes a valid log straight in SQL, far faster than through the API, so `verify` can be timed on millions of events.
 * It goes the way a real database went: the schema up to before EventBlocks, the first events chained the old way
 * (each hash over its predecessor's), then the remaining migrations (EventBlocks turns that chain into block 0),
 * then the rest in blocks of `blockSize`. Account 1 is an internal float (overdraft unlimited) that funds every
 * other account with 1,000,000.00; the remaining transfers move 0.01 to 10.00 between random pairs of those, far
 * less than a run can spend, so no floor is ever breached. Amounts, balances and the hashes are computed by
 * PostgreSQL with the same functions the write path uses (tally_event_canonical, tally_event_hash, sha256).
 */
export async function writeSyntheticLog(client: pg.Client, url: string, shape: SyntheticLogShape): Promise<void> {
  for (const [name, value] of Object.entries(shape)) if (!Number.isSafeInteger(value) || value < 0) throw new Error(`${name} must be a whole number`);
  if (shape.accounts < 3 || shape.transfers < shape.accounts - 1 || shape.blockSize < 1) throw new Error('at least 3 accounts, one funding transfer per account, blocks of 1 or more');
  const beforeBlocks = migrations.findIndex((migration) => migration.name === 'EventBlocks1764160000000');
  await migrate(url, migrations.slice(0, beforeBlocks));
  await client.query(`SET work_mem = '256MB'`);
  await client.query(stageSql(shape));
  await client.query(accountsSql);
  await client.query(chainedEventsSql(shape.genesisEvents));
  await migrate(url, migrations);
  await client.query(blockEventsSql(shape.genesisEvents));
  await client.query(blocksSql(shape));
  await client.query(projectionsSql);
  await client.query('ANALYZE');
}

async function migrate(url: string, list: (typeof migrations)[number][]): Promise<void> {
  const dataSource = await new DataSource({ ...dataSourceOptions(url, 1), migrations: list }).initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await dataSource.destroy();
  }
}

const zeroHash = `'\\x${'00'.repeat(32)}'::bytea`;
const epoch = `'2026-01-01T00:00:00Z'::timestamptz`;

/** Temporary tables of the accounts, transfers and every event (each leg's version and running balance by window functions). */
function stageSql({ accounts, transfers }: SyntheticLogShape): string {
  // hashint4 spreads the transfer number over the accounts; + 2^31 keeps it non-negative without abs()'s overflow.
  const draw = (salt: string, modulus: number) => `((hashint4(k * 7 + ${salt})::bigint + 2147483648) % ${modulus})`;
  return `
    CREATE TEMP TABLE bench_accounts AS
      SELECT i, md5('bench-account-' || i)::uuid AS id, i = 1 AS is_float FROM generate_series(1, ${accounts}) i;
    CREATE TEMP TABLE bench_transfers AS
      SELECT k, md5('bench-transfer-' || k)::uuid AS id, s.id AS source, d.id AS destination, amount,
             ${accounts} + 2 * k - 1 AS position, ${epoch} + k * interval '1 millisecond' AS at
      FROM (SELECT k,
                   CASE WHEN k < ${accounts} THEN 1 ELSE 2 + ${draw('1', accounts - 1)} END AS source_i,
                   CASE WHEN k < ${accounts} THEN k + 1
                        ELSE 2 + (${draw('1', accounts - 1)} + 1 + ${draw('2', accounts - 2)}) % ${accounts - 1} END AS destination_i,
                   CASE WHEN k < ${accounts} THEN 1000000.00 ELSE round((1 + ${draw('3', 1000)}) / 100.0, 2) END AS amount
            FROM generate_series(1, ${transfers}) k) t
      JOIN bench_accounts s ON s.i = t.source_i JOIN bench_accounts d ON d.i = t.destination_i;
    CREATE TEMP TABLE bench_events AS
      SELECT a.i AS position, md5('bench-event-' || a.i)::uuid AS id, a.id AS stream_id, 1::bigint AS stream_version, 'AccountOpened' AS type,
             jsonb_build_object('account_id', a.id, 'currency', 'USD', 'type', CASE WHEN a.is_float THEN 'internal' ELSE 'user' END,
                                'allow_overdraft', a.is_float, 'overdraft_limit', NULL, 'metadata', jsonb_build_object('name', 'bench ' || a.i)) AS payload,
             ${epoch} AS at
      FROM bench_accounts a
      UNION ALL
      SELECT position, md5('bench-event-' || position)::uuid, stream_id, 1 + row_number() OVER w, type,
             jsonb_build_object('account_id', stream_id, 'transfer_id', transfer_id, 'counterparty_account_id', counterparty, 'amount', trim_scale(amount)::text,
                                'currency', 'USD', 'balance_after', trim_scale(sum(delta) OVER w)::text, 'reference', 'bench ' || k),
             at
      FROM (SELECT position, source AS stream_id, destination AS counterparty, 'AccountDebited' AS type, -amount AS delta, amount, id AS transfer_id, k, at FROM bench_transfers
            UNION ALL
            SELECT position + 1, destination, source, 'AccountCredited', amount, amount, id, k, at FROM bench_transfers) legs
      WINDOW w AS (PARTITION BY stream_id ORDER BY position);
    CREATE INDEX ON bench_events (position);`;
}

const accountsSql = `
  INSERT INTO accounts (id, currency, type, metadata, allow_overdraft, overdraft_limit, created_at)
  SELECT id, 'USD', CASE WHEN is_float THEN 'internal' ELSE 'user' END, jsonb_build_object('name', 'bench ' || i), is_float, NULL, ${epoch}
  FROM bench_accounts ORDER BY i`;

const eventColumns = `position, id, stream_id, stream_version, type, schema_version, payload, metadata, occurred_at, recorded_at`;
const eventValues = (row: string) =>
  `${row}.position, ${row}.id, ${row}.stream_id, ${row}.stream_version, ${row}.type, 1, ${row}.payload, '{"actor": "bench"}'::jsonb, ${row}.at, ${row}.at`;

/** The events written before blocks: one loop, each hash over its predecessor's, as the EventHashChain migration did. */
function chainedEventsSql(genesisEvents: number): string {
  return `
    DO $$
    DECLARE
      previous bytea := ${zeroHash};
      last_pos bigint := 0;
      e record;
    BEGIN
      FOR e IN SELECT * FROM bench_events WHERE position <= ${genesisEvents} ORDER BY position LOOP
        previous := sha256(previous || convert_to(tally_event_canonical(${eventValues('e')}), 'UTF8'));
        INSERT INTO events (${eventColumns}, hash) VALUES (${eventValues('e')}, previous);
        last_pos := e.position;
      END LOOP;
      UPDATE event_chain SET last_position = last_pos, last_hash = previous WHERE id = 1;
    END $$`;
}

/** The later events, each with its own hash. */
function blockEventsSql(genesisEvents: number): string {
  return `
    INSERT INTO events (${eventColumns}, hash)
    SELECT ${eventValues('e')}, tally_event_hash(${eventValues('e')})
    FROM bench_events e WHERE position > ${genesisEvents} ORDER BY position;
    SELECT setval('events_position_seq', (SELECT max(position) FROM events))`;
}

/** One block per `blockSize` events after the genesis block, each hash over its predecessor's, then the head. */
function blocksSql({ genesisEvents, blockSize }: SyntheticLogShape): string {
  return `
    CREATE TEMP TABLE bench_blocks AS
      SELECT (position - ${genesisEvents} - 1) / ${blockSize} + 1 AS block, min(position) AS first_position, max(position) AS last_position,
             string_agg(hash, ''::bytea ORDER BY position) AS hashes
      FROM events WHERE position > ${genesisEvents} GROUP BY 1;
    DO $$
    DECLARE
      previous bytea := (SELECT hash FROM event_blocks WHERE block = 0);
      b record;
    BEGIN
      FOR b IN SELECT * FROM bench_blocks ORDER BY block LOOP
        INSERT INTO event_blocks (block, first_position, last_position, previous_hash, hash, scheme)
          VALUES (b.block, b.first_position, b.last_position, previous, sha256(previous || b.hashes), 'block');
        previous := sha256(previous || b.hashes);
      END LOOP;
      UPDATE event_chain c SET last_position = top.last_position, last_hash = top.hash, last_block = top.block
        FROM (SELECT * FROM event_blocks ORDER BY block DESC LIMIT 1) top WHERE c.id = 1;
    END $$`;
}

/** The transfers and the balance projection, as the write path leaves them. */
const projectionsSql = `
  INSERT INTO transfers (id, source_account_id, destination_account_id, amount, currency, reference, metadata, status, created_at, occurred_at, position)
  SELECT id, source, destination, amount, 'USD', 'bench ' || k, '{}', 'posted', at, at, position FROM bench_transfers ORDER BY k;
  INSERT INTO account_balances (account_id, currency, balance, balance_floor, version, updated_at)
  SELECT a.id, 'USD', coalesce((last.payload->>'balance_after')::numeric, 0), CASE WHEN a.is_float THEN NULL ELSE 0 END, last.stream_version, ${epoch}
  FROM bench_accounts a
  JOIN (SELECT DISTINCT ON (stream_id) stream_id, payload, stream_version FROM bench_events ORDER BY stream_id, stream_version DESC) last ON last.stream_id = a.id`;
