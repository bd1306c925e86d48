import { LedgerApi } from './ledger-api.js';
import { generationSeconds, holdsDataset, markDataset, recreate, type ReconBenchDatabase } from './recon-database.js';
import { postLedgerSide } from './recon-ledger-seeding.js';
import { TallyServer } from './tally-server.js';

/**
 * Makes the bench database hold the ledger side of (seed, N): reused when its marker matches, otherwise
 * recreated and posted by a Tally server started against it (which applies the migrations first).
 * Returns how long the posting took (now or when the database was generated) and whether it was reused.
 */
export async function ensureLedgerDataset(database: ReconBenchDatabase, seed: number, transfers: number, log: (line: string) => void): Promise<{ reused: boolean; seconds: number | undefined }> {
  if (await holdsDataset(database, seed, transfers)) {
    log(`ledger: ${database.name} already holds seed ${seed}, ${transfers.toLocaleString('en-US')} transfers; reused`);
    return { reused: true, seconds: await generationSeconds(database) };
  }
  log(`ledger: generating seed ${seed}, ${transfers.toLocaleString('en-US')} transfers into ${database.name} through POST /ledger/transfers/batch`);
  await recreate(database);
  const server = await TallyServer.start(database.url);
  try {
    const seconds = await postLedgerSide(new LedgerApi(server.url, server.apiKey), seed, transfers, log);
    await markDataset(database, seed, transfers, seconds);
    log(`ledger: posted in ${seconds.toFixed(0)} s (${Math.round(transfers / seconds)} transfers/s)`);
    return { reused: false, seconds };
  } finally {
    await server.stop();
  }
}
