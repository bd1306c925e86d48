import { performance } from 'node:perf_hooks';
import type { BenchRow } from '../bench-result.js';
import type { BenchSection } from '../bench-section.js';

/**
 * `verify` over the log the earlier sections wrote, through `GET /admin/verify` on the running server (the
 * same LedgerVerifier as `tally verify`, without a process start-up in the timing): events, counted with
 * SQL, over the seconds of that request. Peak RSS is the server's during the replay. Process start-up is
 * the CLI start-up section's business.
 */
export const verifySection: BenchSection = {
  name: 'verify',
  run: async (context) => {
    const ledger = await context.ledger();
    const row = { key: 'verify', label: 'verify over the resulting log (GET /admin/verify)', unit: 'events/s' };
    await ledger.settle();
    const [{ events }] = await context.database.query<{ events: number }>(ledger.databaseUrl, 'SELECT count(*)::int AS events FROM events');
    const peakReset = ledger.server.resetPeakRss();
    const startedAt = performance.now();
    const { status, json: report } = await ledger.api.get('/admin/verify');
    const seconds = (performance.now() - startedAt) / 1000;
    const details = { events, seconds };
    if (status !== 200 || report.ok !== true || report.events !== events) {
      const findings = Array.isArray(report.findings) ? report.findings.length : 'no';
      return [{ ...row, status: 'failed', note: `GET /admin/verify answered ${status} with ${findings} finding(s) over ${String(report.events)} events (SQL counts ${events}): no speed is reported for a log that does not verify.`, details } satisfies BenchRow];
    }
    const rssNote = peakReset ? '' : ' Peak RSS since the server started (this kernel refused to reset it).';
    return [{ ...row, status: 'measured', throughputPerSecond: events / seconds, peakRssMebibytes: ledger.server.peakRssMebibytes(), note: `${events.toLocaleString('en-US')} events replayed and checked in ${seconds.toFixed(2)} s.${rssNote}`, details }];
  },
};
