import type { BenchRow } from '../bench-result.js';
import type { BenchSection } from '../bench-section.js';
import type { FundedLedger } from '../funded-ledger.js';
import { measuredLoadRow } from '../measured-load.js';
import { spreadTransfer } from './transfers.section.js';
import { parseAndValidateMs, phaseMeans, scrapeWritePhases } from '../batch-phases.js';

const fmt = (ms: number | undefined) => (ms === undefined ? 'n/a' : `${ms.toFixed(1)} ms`);

const path = '/ledger/transfers/batch';
const connections = 2;
const batchSizes = [100, 1_000];

/**
 * The request body the batch endpoint is expected to take (the issue names the route, not yet the body).
 * If the endpoint lands with another shape, the probe fails loudly with the server's answer: change it here.
 */
export function batchBody(funded: FundedLedger, size: number): string {
  return JSON.stringify({ transfers: Array.from({ length: size }, () => spreadTransfer(funded)) });
}

function rowFor(size: number) {
  return { key: `batch-${size}`, label: `POST ${path}, batches of ${size.toLocaleString('en-US')}, ${connections} connections`, unit: 'transfers/s' };
}

/**
 * Probes the route first: 404 ROUTE_NOT_FOUND means it is not built yet and the rows say so, with no number;
 * from the day it answers 2xx, each row counts transfers (batch size x successful batches) a second.
 */
export const batchSection: BenchSection = {
  name: 'batch',
  run: async (context) => {
    const ledger = await context.ledger();
    const probe = await ledger.api.post(path, JSON.parse(batchBody(ledger.funded, 1)));
    if (probe.status === 404 && probe.json.code === 'ROUTE_NOT_FOUND') {
      return batchSizes.map((size): BenchRow => ({ ...rowFor(size), status: 'not built yet', note: `${path} answered 404 ROUTE_NOT_FOUND: the batch endpoint is not built yet.` }));
    }
    if (probe.status < 200 || probe.status > 299) {
      const answer = `${probe.status} ${JSON.stringify(probe.json).slice(0, 300)}`;
      return batchSizes.map((size): BenchRow => ({ ...rowFor(size), status: 'failed', note: `The probe of ${path} answered ${answer}; adjust batchBody() in scripts/bench/sections/batch.section.ts to the endpoint's body.` }));
    }
    const { loadSeconds, warmupSeconds } = context.options;
    const rows: BenchRow[] = [];
    for (const size of batchSizes) {
      const plan = { path, connections, seconds: loadSeconds, warmupSeconds, body: () => batchBody(ledger.funded, size) };
      const before = await scrapeWritePhases(ledger.server.url, ledger.api.headers);
      const row = await measuredLoadRow(ledger, rowFor(size), plan, size);
      const phases = phaseMeans(before, await scrapeWritePhases(ledger.server.url, ledger.api.headers));
      const edge = await parseAndValidateMs(batchBody(ledger.funded, size));
      const perBatch = `per batch: JSON parse ${edge.parseMs.toFixed(1)} ms and validation ${edge.validateMs.toFixed(1)} ms (timed in the bench process), then in the server read ${fmt(phases.read)}, decide ${fmt(phases.decide)}, append and commit ${fmt(phases.append)} (means, tally_write_phase_seconds; warm-up included).`;
      rows.push({ ...row, note: [row.note, perBatch].filter(Boolean).join(' '), details: { ...row.details, phasesMs: phases, parseMs: edge.parseMs, validateMs: edge.validateMs } });
    }
    return rows;
  },
};
