/** One line of the benchmark's table. A row without a measured throughput says why in `status`. */
export interface BenchRow {
  /** Stable identifier, used for ratios and targets: `tpcb`, `spread`, `hot`, `batch-100`, `batch-1000`, `verify`. */
  key: string;
  /** What was measured, as the table shows it. */
  label: string;
  status: 'measured' | 'skipped' | 'not built yet' | 'failed';
  /** What a unit of throughput is: `tps`, `transfers/s`, `events/s`. */
  unit: string;
  throughputPerSecond?: number;
  latencyP50Ms?: number;
  latencyP99Ms?: number;
  peakRssMebibytes?: number;
  /** Why nothing was measured, or what qualifies the number (errors seen, how the figure was taken). */
  note?: string;
  details?: Record<string, unknown>;
}

/** The targets for the write-path rewrite, each judged against the rows of the same run. */
interface Target {
  key: string;
  text: string;
  met(row: BenchRow, rows: Map<string, BenchRow>): boolean | undefined;
}

const targets: Target[] = [
  {
    key: 'spread',
    text: '>= 1.0x TPC-B, p99 < 30 ms',
    met: (row, rows) => {
      const ratio = ratioTo(row, rows.get('tpcb'));
      return ratio === undefined || row.latencyP99Ms === undefined ? undefined : ratio >= 1 && row.latencyP99Ms < 30;
    },
  },
  {
    key: 'hot',
    text: '>= 0.8x spread',
    met: (row, rows) => {
      const ratio = ratioTo(row, rows.get('spread'));
      return ratio === undefined ? undefined : ratio >= 0.8;
    },
  },
  { key: 'batch-1000', text: '>= 25,000 transfers/s', met: (row) => atLeast(row, 25_000) },
  { key: 'verify', text: '>= 200,000 events/s', met: (row) => atLeast(row, 200_000) },
];

function atLeast(row: BenchRow, floor: number): boolean | undefined {
  return row.throughputPerSecond === undefined ? undefined : row.throughputPerSecond >= floor;
}

/** `row`'s throughput over `base`'s; undefined when either has no number. */
export function ratioTo(row: BenchRow, base: BenchRow | undefined): number | undefined {
  if (row.throughputPerSecond === undefined || base?.throughputPerSecond === undefined || base.throughputPerSecond <= 0) return undefined;
  return row.throughputPerSecond / base.throughputPerSecond;
}

export interface JudgedRow extends BenchRow {
  ratioToTpcb?: number;
  target?: { text: string; met?: boolean };
}

/** Adds each row's ratio to the TPC-B row and its target verdict (met, missed, or undefined: not measured). */
export function judge(rows: BenchRow[]): JudgedRow[] {
  const byKey = new Map(rows.map((row) => [row.key, row]));
  return rows.map((row) => {
    const target = targets.find((candidate) => candidate.key === row.key);
    const ratio = row.key === 'tpcb' ? undefined : ratioTo(row, byKey.get('tpcb'));
    return { ...row, ...(ratio === undefined ? {} : { ratioToTpcb: ratio }), ...(target ? { target: { text: target.text, met: target.met(row, byKey) } } : {}) };
  });
}

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

function throughputCell(row: JudgedRow): string {
  if (row.throughputPerSecond === undefined) return row.status === 'measured' ? 'n/a' : row.status;
  return `${integer.format(row.throughputPerSecond)} ${row.unit}`;
}

function millisecondsCell(value: number | undefined): string {
  if (value === undefined) return '';
  return value < 10 ? `${value.toFixed(1)} ms` : `${integer.format(value)} ms`;
}

function targetCell(row: JudgedRow): string {
  if (!row.target) return '';
  const verdict = row.target.met === undefined ? 'not measured' : row.target.met ? 'met' : 'not yet';
  return `${row.target.text}: ${verdict}`;
}

/** The table as Markdown (also what the terminal shows). Notes follow as a numbered list under it. */
export function markdownTable(rows: JudgedRow[]): string {
  const lines = ['| Measurement | Throughput | p50 | p99 | Peak RSS | x TPC-B | Target |', '|---|--:|--:|--:|--:|--:|---|'];
  const notes: string[] = [];
  for (const row of rows) {
    let label = row.label;
    if (row.note) {
      // Rows that share a reason (both batch rows before the endpoint exists) share its number.
      if (!notes.includes(row.note)) notes.push(row.note);
      label += ` (${notes.indexOf(row.note) + 1})`;
    }
    const rss = row.peakRssMebibytes === undefined ? '' : `${integer.format(row.peakRssMebibytes)} MiB`;
    const ratio = row.ratioToTpcb === undefined ? '' : `${row.ratioToTpcb.toFixed(2)}x`;
    lines.push(`| ${[label, throughputCell(row), millisecondsCell(row.latencyP50Ms), millisecondsCell(row.latencyP99Ms), rss, ratio, targetCell(row)].join(' | ')} |`);
  }
  if (notes.length > 0) lines.push('', ...notes.map((note, index) => `${index + 1}. ${note}`));
  return lines.join('\n');
}
