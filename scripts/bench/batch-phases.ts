import { performance } from 'node:perf_hooks';
import { validateDto } from '../../src/common/http/validate-dto.js';
import { TransferBatchDto } from '../../src/ledger/api/dto/transfer-batch.dto.js';

/** Sum and count of each write-path phase histogram, as the server's /metrics reports them. */
type PhaseTotals = Record<string, { sum: number; count: number }>;

export async function scrapeWritePhases(baseUrl: string, headers: Record<string, string>): Promise<PhaseTotals> {
  const text = await (await fetch(`${baseUrl}/metrics`, { headers })).text();
  const totals: PhaseTotals = {};
  for (const [, kind, phase, value] of text.matchAll(/^tally_write_phase_seconds_(sum|count)\{phase="(\w+)"\} ([\d.e+-]+)$/gm)) {
    totals[phase] ??= { sum: 0, count: 0 };
    totals[phase][kind as 'sum' | 'count'] = Number(value);
  }
  return totals;
}

/** Mean milliseconds per batch of each phase between two scrapes. */
export function phaseMeans(before: PhaseTotals, after: PhaseTotals): Record<string, number> {
  const means: Record<string, number> = {};
  for (const [phase, { sum, count }] of Object.entries(after)) {
    const batches = count - (before[phase]?.count ?? 0);
    if (batches > 0) means[phase] = ((sum - (before[phase]?.sum ?? 0)) / batches) * 1000;
  }
  return means;
}

/**
 * What the server does with a batch body before the write path sees it, timed here in-process with the same
 * code (median of `rounds`): JSON.parse and the global validation pipe (class-transformer and class-validator).
 */
export async function parseAndValidateMs(body: string, rounds = 5): Promise<{ parseMs: number; validateMs: number }> {
  const parse: number[] = [];
  const validate: number[] = [];
  for (let i = 0; i < rounds; i++) {
    let started = performance.now();
    const plain: unknown = JSON.parse(body);
    parse.push(performance.now() - started);
    started = performance.now();
    await validateDto(TransferBatchDto, plain);
    validate.push(performance.now() - started);
  }
  const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
  return { parseMs: median(parse), validateMs: median(validate) };
}
