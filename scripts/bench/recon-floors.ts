import { createReadStream } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { readCsv } from '../../src/recon/infrastructure/sources/csv-source.js';
import { benchCsvMapping, type BenchCsvFile } from './recon-csv-files.js';
import { withClient } from './recon-database.js';

/** The least any job over the file must spend, each measured alone on the same data, in seconds. */
export interface Floors {
  parseSeconds: number;
  copyInSeconds: number;
  joinSeconds: number;
  copyOutSeconds: number;
  /** Not a floor: copying the period's transfers out of the ledger's view into a table for the join. */
  ledgerStageSeconds: number;
  records: number;
  /** Set when readCsv refused the file: the parse floor then covers only `records` rows. */
  parseRefused?: string;
  ledgerRows: number;
  joinedRows: number;
  copiedOutRows: number;
  copiedOutBytes: number;
}

export const floorSum = (floors: Floors) => floors.parseSeconds + floors.copyInSeconds + floors.joinSeconds + floors.copyOutSeconds;

async function timed<T>(work: () => Promise<T>): Promise<[number, T]> {
  const start = performance.now();
  const result = await work();
  return [(performance.now() - start) / 1000, result];
}

/**
 * The CSV source's own streaming reader over the file, counting records: parsing with nothing else. The
 * source refuses a file past its row limit (recordsPerSideMax); the refusal is kept, with the records read
 * until then, so the floor of such a file covers only its first rows and says so.
 */
async function parseFloor(file: BenchCsvFile): Promise<{ records: number; refused?: string }> {
  let records = 0;
  try {
    for await (const item of readCsv(createReadStream(file.path), benchCsvMapping, { businessDate: file.from, windowMinutes: 60, timeZone: 'UTC' })) {
      if (item.kind === 'record') records++;
    }
    return { records };
  } catch (error) {
    return { records, refused: (error as Error).message };
  }
}

/**
 * Parse, COPY in (the file's bytes as they are into an UNLOGGED table without indexes), a hash join on
 * (reference, amount) against the period's transfers, and COPY out of as many rows as the file has.
 * Tables are dropped at the end; the ledger's tables are only read, through its recon view.
 */
export async function measureFloors(databaseUrl: string, file: BenchCsvFile): Promise<Floors> {
  const [parseSeconds, { records, refused }] = await timed(() => parseFloor(file));
  return withClient(databaseUrl, async (client) => {
    await client.query(`SET TIME ZONE 'UTC'`);
    await dropFloorTables(client);
    await client.query('CREATE UNLOGGED TABLE bench_floor_external (txn_id text, reference text, amount numeric, currency text, occurred_at timestamptz)');
    const [copyInSeconds] = await timed(() => pipeline(createReadStream(file.path), client.query(copyFrom('COPY bench_floor_external FROM STDIN (FORMAT csv, HEADER true)'))));
    const [ledgerStageSeconds, staged] = await timed(() =>
      client.query(
        `CREATE UNLOGGED TABLE bench_floor_ledger AS SELECT id, reference, amount, currency, occurred_at FROM ledger_recon_transfers
         WHERE occurred_at >= $1::date AND occurred_at < $2::date + 1`,
        [file.from, file.to],
      ),
    );
    await client.query('ANALYZE bench_floor_external; ANALYZE bench_floor_ledger');
    // The floor is the hash join itself: the planner is kept from choosing another join.
    await client.query('SET enable_mergejoin = off; SET enable_nestloop = off');
    const [joinSeconds, joined] = await timed(() => client.query('SELECT count(*)::int AS n FROM bench_floor_external e JOIN bench_floor_ledger l ON l.reference = e.reference AND l.amount = e.amount'));
    await client.query('RESET enable_mergejoin; RESET enable_nestloop');
    let copiedOutBytes = 0;
    const sink = new Writable({ write: (chunk: Buffer, _encoding, done) => ((copiedOutBytes += chunk.length), done()) });
    const [copyOutSeconds] = await timed(() => pipeline(client.query(copyTo(`COPY (SELECT * FROM bench_floor_external LIMIT ${file.rows}) TO STDOUT`)), sink));
    const copiedOutRows = Number((await client.query('SELECT count(*) AS n FROM bench_floor_external')).rows[0].n);
    await dropFloorTables(client);
    return { ...(refused && { parseRefused: refused }), parseSeconds, copyInSeconds, joinSeconds, copyOutSeconds, ledgerStageSeconds, records, ledgerRows: staged.rowCount ?? 0, joinedRows: joined.rows[0].n, copiedOutRows: Math.min(copiedOutRows, file.rows), copiedOutBytes };
  });
}

async function dropFloorTables(client: pg.Client): Promise<void> {
  await client.query('DROP TABLE IF EXISTS bench_floor_external, bench_floor_ledger');
}
