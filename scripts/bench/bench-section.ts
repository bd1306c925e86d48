import type { BenchDatabase } from './bench-database.js';
import type { BenchOptions } from './bench-options.js';
import type { BenchRow } from './bench-result.js';
import type { FundedLedger } from './funded-ledger.js';
import type { LedgerApi } from './ledger-api.js';
import type { TallyServer } from './tally-server.js';

/** The Tally server under test on its scratch database, with its 1,000 funded accounts. */
export interface LedgerUnderTest {
  databaseUrl: string;
  server: TallyServer;
  api: LedgerApi;
  funded: FundedLedger;
  /** Resolves once the requests still in flight when a load stopped have committed (the log stops growing). */
  settle(): Promise<void>;
}

export interface BenchContext {
  options: BenchOptions;
  /** The PostgreSQL server under test. */
  database: BenchDatabase;
  /** Started, keyed and funded on first use, then shared by every later section; stopped at the end. */
  ledger(): Promise<LedgerUnderTest>;
  log(line: string): void;
}

/** One part of `npm run bench`: adds rows to the table. Sections run in the order listed in `sections.ts`. */
export interface BenchSection {
  name: string;
  run(context: BenchContext): Promise<BenchRow[]>;
}
