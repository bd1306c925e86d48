// `npm run bench:recon`: the matching engine on N synthetic records a side (BENCH_RECON_RECORDS, default
// 200,000; the engine's limit is 1,000,000). 90% exact pairs, 5% near misses for the fuzzy matcher, 5% noise
// on each side, all on one busy business day. Prints time and heap; nothing is asserted.
import { performance } from 'node:perf_hooks';
import { Decimal } from '../../src/common/money/decimal.js';
import { ExactMatcher } from '../../src/recon/domain/exact-matcher.js';
import { FuzzyMatcher } from '../../src/recon/domain/fuzzy-matcher.js';
import { runMatchers } from '../../src/recon/domain/matching-engine.js';
import { DEFAULT_MATCH_PARAMETERS, type ReconRecord } from '../../src/recon/domain/recon-record.js';

const records = Number(process.env.BENCH_RECON_RECORDS ?? 200_000);
const dayStart = Date.parse('2025-07-13T00:00:00Z');

/** A deterministic pseudo-random sequence, so runs are comparable. */
function* random(seed: number): Generator<number> {
  for (let state = seed; ; ) {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    yield state / 2_147_483_648;
  }
}

function generate(): { external: ReconRecord[]; internal: ReconRecord[] } {
  const next = random(42);
  const draw = () => next.next().value as number;
  const external: ReconRecord[] = [];
  const internal: ReconRecord[] = [];
  for (let i = 0; i < records; i++) {
    const at = dayStart + Math.floor(draw() * 86_400_000);
    const cents = 100 + Math.floor(draw() * 10_000_000);
    const amount = new Decimal(cents).div(100);
    const kind = draw();
    const reference = `TXN-${i}`;
    internal.push({ side: 'internal', key: `T-${i}`, reference: kind < 0.95 ? reference : `LEDGER-ONLY-${i}`, amount, currency: 'USD', occurredAt: new Date(at) });
    if (kind < 0.9) external.push({ side: 'external', key: `B-${i}`, reference, amount, currency: 'USD', occurredAt: new Date(at + 60_000), line: i + 2 });
    else if (kind < 0.95) external.push({ side: 'external', key: `B-${i}`, reference: `${reference}X`, amount: amount.plus('0.01'), currency: 'USD', occurredAt: new Date(at + 180_000), line: i + 2 });
    else external.push({ side: 'external', key: `B-${i}`, reference: `BANK-ONLY-${i}`, amount: amount.plus('7.77'), currency: 'USD', occurredAt: new Date(at), line: i + 2 });
  }
  return { external, internal };
}

const generatedAt = performance.now();
const { external, internal } = generate();
const startedAt = performance.now();
const result = runMatchers([new ExactMatcher(), new FuzzyMatcher()], external, internal, DEFAULT_MATCH_PARAMETERS, new Set(['USD']));
const seconds = (performance.now() - startedAt) / 1000;
const exact = result.matches.filter((match) => match.type === 'exact').length;
console.log(`${records} records a side generated in ${((startedAt - generatedAt) / 1000).toFixed(1)} s`);
console.log(`matched ${exact} exact + ${result.matches.length - exact} fuzzy, ${result.unmatchedExternal.length} / ${result.unmatchedInternal.length} unmatched (explained) in ${seconds.toFixed(1)} s`);
console.log(`${Math.round((records * 2) / seconds)} records/s; heap used ${(process.memoryUsage().heapUsed / 1_048_576).toFixed(0)} MiB`);
