import type { BenchRow } from './bench-result.js';
import type { LedgerUnderTest } from './bench-section.js';
import { describeFailures, runHttpLoad, type LoadPlan } from './http-load.js';

/**
 * Runs one load against the server under test and turns it into a row. The server's peak RSS is reset
 * first, so each row shows its own peak (where Linux allows it; otherwise the peak so far, and the note says so).
 */
export async function measuredLoadRow(ledger: LedgerUnderTest, row: { key: string; label: string; unit: string }, plan: Omit<LoadPlan, 'baseUrl' | 'headers'>, itemsPerRequest = 1): Promise<BenchRow> {
  const peakReset = ledger.server.resetPeakRss();
  const load = await runHttpLoad({ ...plan, baseUrl: ledger.server.url, headers: ledger.api.headers });
  await ledger.settle();
  const notes = [];
  const failures = describeFailures(load.failures);
  if (failures) notes.push(`Not counted: ${failures} (${plan.path}).`);
  if (!peakReset) notes.push('Peak RSS since the server started (this kernel refused to reset it).');
  return {
    ...row,
    status: 'measured',
    throughputPerSecond: load.successesPerSecond * itemsPerRequest,
    latencyP50Ms: load.latencyP50Ms,
    latencyP99Ms: load.latencyP99Ms,
    peakRssMebibytes: ledger.server.peakRssMebibytes(),
    ...(notes.length > 0 ? { note: notes.join(' ') } : {}),
    details: { connections: plan.connections, seconds: load.seconds, warmupSeconds: plan.warmupSeconds, successfulRequests: load.successes, itemsPerRequest, failures: load.failures },
  };
}
