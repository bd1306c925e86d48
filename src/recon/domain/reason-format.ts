import type { Decimal } from '../../common/money/decimal.js';
import type { ReconRecord } from './recon-record.js';

/** Reports read like money: at least two decimals ("0.10"), never fewer than the data carries. */
export function formatAmount(amount: Decimal): string {
  return amount.decimalPlaces() < 2 ? amount.toFixed(2) : amount.toFixed();
}

/**
 * Two decimals like the threshold ("0.80"), unless that would round the score onto a different side of the
 * threshold ("0.799999 < 0.80" must not print as "0.80 < 0.80"); scores carry at most 6 decimals.
 */
export function formatScore(score: number): string {
  const short = score.toFixed(2);
  return Number(short) === score ? short : String(score);
}

export function formatMinutes(minutes: number): string {
  return Number.isInteger(minutes) ? String(minutes) : String(Number(minutes.toFixed(2)));
}

export function formatTime(time: Date): string {
  return time.toISOString().replace('.000Z', 'Z');
}

/** How a report names a record: "transfer T-17" or "external record B-0003 (line 4)". */
export function describeRecord(record: ReconRecord): string {
  if (record.side === 'internal') return `transfer ${record.key}`;
  return record.line === undefined ? `external record ${record.key}` : `external record ${record.key} (line ${record.line})`;
}

/** What the other side is called in a sentence about `record`. */
export function counterpartNoun(record: ReconRecord): string {
  return record.side === 'external' ? 'ledger transfer' : 'external record';
}
