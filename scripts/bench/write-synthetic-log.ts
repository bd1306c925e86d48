// `node dist/scripts/bench/write-synthetic-log.js <database-url> [transfers] [accounts] [block-size] [genesis-events]`:
// writes a valid log of `transfers` transfers (default 500,000: 1,000,000 events) into an empty database, to time
// `tally verify` on a log far longer than the bench's (e.g. `time DATABASE_URL=<url> node bin/tally.js verify`).
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { writeSyntheticLog } from './synthetic-log.js';

async function main(): Promise<void> {
  const [url, transfers = '500000', accounts = '1000', blockSize = '100', genesisEvents = '2000'] = process.argv.slice(2);
  if (!url) throw new Error('usage: write-synthetic-log <database-url> [transfers] [accounts] [block-size] [genesis-events]');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const startedAt = performance.now();
  try {
    await writeSyntheticLog(client, url, { transfers: Number(transfers), accounts: Number(accounts), blockSize: Number(blockSize), genesisEvents: Number(genesisEvents) });
    const [{ events }] = (await client.query<{ events: string }>('SELECT count(*)::text AS events FROM events')).rows;
    console.log(`Wrote ${events} events in ${((performance.now() - startedAt) / 1000).toFixed(1)} s.`);
  } finally {
    await client.end();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
