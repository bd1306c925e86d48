import type { BenchDatabase } from './bench-database.js';
import type { BenchOptions } from './bench-options.js';
import type { BenchContext, LedgerUnderTest } from './bench-section.js';
import { openFundedLedger, accountCount } from './funded-ledger.js';
import { LedgerApi } from './ledger-api.js';
import { TallyServer } from './tally-server.js';

const ledgerDatabase = 'tally_bench_ledger';
const settleIntervalMs = 500;
const settleAttemptsMax = 120;

/** The context the sections share: the Tally server starts on first use, on a fresh scratch database. */
export class BenchSession implements BenchContext {
  private started?: Promise<LedgerUnderTest>;

  constructor(
    readonly options: BenchOptions,
    readonly database: BenchDatabase,
    readonly log: (line: string) => void,
  ) {}

  ledger(): Promise<LedgerUnderTest> {
    this.started ??= this.start();
    return this.started;
  }

  async close(): Promise<void> {
    const ledger = await this.started?.catch(() => undefined);
    await ledger?.server.stop();
  }

  private async settle(databaseUrl: string): Promise<void> {
    const eventCount = async () => (await this.database.query<{ events: string }>(databaseUrl, 'SELECT count(*)::text AS events FROM events'))[0].events;
    let previous = await eventCount();
    for (let attempt = 0; attempt < settleAttemptsMax; attempt++) {
      await new Promise((done) => setTimeout(done, settleIntervalMs));
      const current = await eventCount();
      if (current === previous) return;
      previous = current;
    }
    throw new Error('the event log kept growing after the load stopped');
  }

  private async start(): Promise<LedgerUnderTest> {
    const databaseUrl = await this.database.createScratch(ledgerDatabase);
    this.log('starting the server (NODE_ENV=production, AUTH_REQUIRED=true, RATE_LIMIT_PER_MINUTE=0)');
    const server = await TallyServer.start(databaseUrl);
    const api = new LedgerApi(server.url, server.apiKey);
    try {
      const startedAt = Date.now();
      const funded = await openFundedLedger(api);
      this.log(`opened and funded ${accountCount} accounts in ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
      return { databaseUrl, server, api, funded, settle: () => this.settle(databaseUrl) };
    } catch (error) {
      await server.stop();
      throw error;
    }
  }
}
