import { parseBenchOptions } from '../../scripts/bench/bench-options.js';
import { judge, markdownTable, ratioTo, type BenchRow } from '../../scripts/bench/bench-result.js';
import { percentile } from '../../scripts/bench/percentile.js';

/** The benchmark's table: ratios, target verdicts and formatting. The numbers here are made up; nothing times anything. */
describe('bench result table', () => {
  const measured = (key: string, throughputPerSecond: number, extra: Partial<BenchRow> = {}): BenchRow => ({ key, label: key, status: 'measured', unit: 'transfers/s', throughputPerSecond, ...extra });
  const tpcb = measured('tpcb', 500, { unit: 'tps', latencyP50Ms: 12.34, latencyP99Ms: 70 });

  it('gives each throughput as a ratio to TPC-B, and none to TPC-B itself', () => {
    const [base, spread] = judge([tpcb, measured('spread', 250)]);
    expect(base.ratioToTpcb).toBeUndefined();
    expect(spread.ratioToTpcb).toBe(0.5);
  });

  it('gives no ratio without a TPC-B figure or without a throughput', () => {
    const skipped: BenchRow = { key: 'tpcb', label: 'tpcb', status: 'skipped', unit: 'tps', note: 'pgbench is not installed' };
    expect(judge([skipped, measured('spread', 250)])[1].ratioToTpcb).toBeUndefined();
    expect(ratioTo({ key: 'batch-100', label: '', status: 'not built yet', unit: 'transfers/s' }, tpcb)).toBeUndefined();
  });

  it('judges spread on both its ratio and its p99', () => {
    const verdict = (throughput: number, p99: number) => judge([tpcb, measured('spread', throughput, { latencyP99Ms: p99 })])[1].target;
    expect(verdict(500, 29)).toEqual({ text: '>= 1.0x TPC-B, p99 < 30 ms', met: true });
    expect(verdict(500, 30)?.met).toBe(false);
    expect(verdict(499, 5)?.met).toBe(false);
  });

  it('judges hot against spread, and the absolute targets against their floors', () => {
    const rows = judge([tpcb, measured('spread', 1000, { latencyP99Ms: 20 }), measured('hot', 800), measured('batch-1000', 24_999), measured('verify', 200_000, { unit: 'events/s' })]);
    expect(rows.map((row) => row.target?.met)).toEqual([undefined, true, true, false, true]);
  });

  it('says "not measured" for a target whose row has no number, never met or missed', () => {
    const [row] = judge([{ key: 'batch-1000', label: 'batch', status: 'not built yet', unit: 'transfers/s', note: 'not built yet' }]);
    expect(row.target).toEqual({ text: '>= 25,000 transfers/s', met: undefined });
    expect(markdownTable([row])).toContain('| batch (1) | not built yet |  |  |  |  | >= 25,000 transfers/s: not measured |');
  });

  it('formats a Markdown table with units, latencies, RSS, ratios and numbered notes shared by identical reasons', () => {
    const note = 'the batch endpoint is not built yet';
    const table = markdownTable(
      judge([
        tpcb,
        measured('spread', 1234.5, { latencyP50Ms: 3.25, latencyP99Ms: 41.6, peakRssMebibytes: 187.2 }),
        { key: 'batch-100', label: 'batch 100', status: 'not built yet', unit: 'transfers/s', note },
        { key: 'batch-1000', label: 'batch 1000', status: 'not built yet', unit: 'transfers/s', note },
      ]),
    ).split('\n');
    expect(table[0]).toBe('| Measurement | Throughput | p50 | p99 | Peak RSS | x TPC-B | Target |');
    expect(table[2]).toBe('| tpcb | 500 tps | 12 ms | 70 ms |  |  |  |');
    expect(table[3]).toBe('| spread | 1,235 transfers/s | 3.3 ms | 42 ms | 187 MiB | 2.47x | >= 1.0x TPC-B, p99 < 30 ms: not yet |');
    expect(table[4]).toBe('| batch 100 (1) | not built yet |  |  |  |  |  |');
    expect(table[5]).toContain('| batch 1000 (1) |');
    expect(table.slice(6)).toEqual(['', `1. ${note}`]);
  });
});

describe('percentile (nearest rank)', () => {
  it('picks the nearest-rank value of sorted samples', () => {
    const samples = Array.from({ length: 100 }, (_, index) => index + 1);
    expect(percentile(samples, 0.5)).toBe(50);
    expect(percentile(samples, 0.99)).toBe(99);
    expect(percentile([7], 0.99)).toBe(7);
    expect(percentile([], 0.5)).toBeUndefined();
  });
});

describe('bench options', () => {
  it('runs the issue protocol by default and shorter runs with --quick', () => {
    expect(parseBenchOptions([])).toMatchObject({ mode: 'full', tpcbSeconds: 15, loadSeconds: 15 });
    expect(parseBenchOptions(['--quick', '--only=tpcb,verify'])).toMatchObject({ mode: 'quick', tpcbSeconds: 5, loadSeconds: 5, only: ['tpcb', 'verify'] });
    expect(() => parseBenchOptions(['--fast'])).toThrow(/unknown argument --fast/);
  });
});
