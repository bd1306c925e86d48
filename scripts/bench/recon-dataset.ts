// The reconciliation bench's data set, defined per index so the ledger side and the external CSV files are
// derived from (seed, index) alone: the CSV writer never reads the ledger back, and a rerun with the same seed
// produces byte-identical files against the database generated earlier.

/** Eight business days (Mon 7 to Wed 16 July 2025, the weekend skipped); the 1M job covers the first four. */
export const benchDays = ['2025-07-07', '2025-07-08', '2025-07-09', '2025-07-10', '2025-07-11', '2025-07-14', '2025-07-15', '2025-07-16'] as const;

export type PairKind = 'exact' | 'tolerance' | 'fuzzy' | 'unmatched';

/** One index of the data set: the ledger transfer and the external line that belong to it. */
export interface BenchPair {
  index: number;
  kind: PairKind;
  dayIndex: number;
  ledger: { reference: string; cents: bigint; occurredAtMs: number };
  external: { id: string; reference: string; cents: bigint; bookedAtMs: number };
}

/** mulberry32 step on a 32-bit state: small, fast and the same on every platform. */
function mulberry32(state: number): number {
  let t = (state + 0x6d2b79f5) | 0;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
}

/** Independent uniform draws for one index: every index can be computed alone, in any order. */
function drawsFor(seed: number, index: number, count: number): number[] {
  const base = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(index + 1, 0xc2b2ae35);
  return Array.from({ length: count }, (_, k) => mulberry32(base + Math.imul(k + 1, 0x27d4eb2f)));
}

const minuteMs = 60_000;
/** Transfers fall between 01:00 and 22:00 UTC: a line minutes later never crosses into the next business date. */
const dayWindowStartMs = 1 * 3_600_000;
const dayWindowMs = 21 * 3_600_000;

/** Indices are laid out in day order, so the first half of the indices is the first half of the period. */
export function dayIndexOf(index: number, total: number): number {
  return Math.floor((index * benchDays.length) / total);
}

export function benchPair(seed: number, index: number, total: number): BenchPair {
  const [timeDraw, amountDraw, kindDraw, shiftDraw, deltaDraw] = drawsFor(seed, index, 5);
  const dayIndex = dayIndexOf(index, total);
  const occurredAtMs = Date.parse(`${benchDays[dayIndex]}T00:00:00Z`) + dayWindowStartMs + Math.floor(timeDraw * dayWindowMs / 1000) * 1000;
  const cents = 100n + BigInt(Math.floor(amountDraw * 9_999_900));
  const reference = `INV-${seed}-${String(index).padStart(8, '0')}`;
  const id = `BK${String(index).padStart(9, '0')}`;
  const ledger = { reference, cents, occurredAtMs };
  // ~90% exact, ~2.5% tolerance (same reference, 0.01-0.04 off), ~2.5% fuzzy (reference variant), ~5% on neither side's counterpart.
  if (kindDraw < 0.9) {
    return { index, kind: 'exact', dayIndex, ledger, external: { id, reference, cents, bookedAtMs: occurredAtMs + Math.floor(shiftDraw * 5) * minuteMs } };
  }
  const delta = 1n + BigInt(Math.floor(deltaDraw * 4));
  const minutesOff = (3 + Math.floor(shiftDraw * 28)) * minuteMs;
  if (kindDraw < 0.925) return { index, kind: 'tolerance', dayIndex, ledger, external: { id, reference, cents: cents + delta, bookedAtMs: occurredAtMs + minutesOff } };
  if (kindDraw < 0.95) return { index, kind: 'fuzzy', dayIndex, ledger, external: { id, reference: `${reference}/B`, cents: cents + delta, bookedAtMs: occurredAtMs + minutesOff } };
  // The bank line of an unmatched index is another payment altogether: no reference, amount or time in common.
  const bankOnly = { id, reference: `BANK-${seed}-${String(index).padStart(8, '0')}`, cents: cents + 777_777n, bookedAtMs: occurredAtMs + 97 * minuteMs };
  return { index, kind: 'unmatched', dayIndex, ledger: { ...ledger, reference: `LEDGER-ONLY-${seed}-${String(index).padStart(8, '0')}` }, external: bankOnly };
}

export function decimalOfCents(cents: bigint): string {
  return `${cents / 100n}.${String(cents % 100n).padStart(2, '0')}`;
}
