import { Decimal } from '../../../common/money/decimal.js';
import type { MatchParameters, ReconRecord } from '../recon-record.js';
import { DEFAULT_MATCH_PARAMETERS } from '../recon-record.js';

/** Test data builder: every field defaults to something plausible so a spec states only what it is about. */
export interface RecordSpec {
  key: string;
  reference?: string;
  amount?: string;
  currency?: string;
  /** ISO instant; default 2025-07-13T12:00:00Z. */
  at?: string;
  line?: number;
}

export const baseTime = '2025-07-13T12:00:00Z';

export function external(spec: RecordSpec): ReconRecord {
  return build('external', spec);
}

export function internal(spec: RecordSpec): ReconRecord {
  return build('internal', spec);
}

/** `baseTime` shifted by whole or fractional minutes, as an ISO string for `at`. */
export function minutesAfterBase(minutes: number): string {
  return new Date(Date.parse(baseTime) + minutes * 60_000).toISOString();
}

export function params(overrides: Partial<MatchParameters> = {}): MatchParameters {
  return { ...DEFAULT_MATCH_PARAMETERS, ...overrides };
}

function build(side: ReconRecord['side'], spec: RecordSpec): ReconRecord {
  const record: ReconRecord = {
    side,
    key: spec.key,
    reference: spec.reference ?? `REF-${spec.key}`,
    amount: new Decimal(spec.amount ?? '100.00'),
    currency: spec.currency ?? 'USD',
    occurredAt: new Date(spec.at ?? baseTime),
  };
  return spec.line === undefined ? record : { ...record, line: spec.line };
}

/**
 * A day of payments: amounts spread over 1.00..10,000.00, one every ~4 seconds, and ledger twins whose
 * reference lost its dash, whose amount may be a cent off and which were booked up to 9 minutes apart.
 */
export function syntheticDay(count: number): { bank: ReconRecord[]; ledger: ReconRecord[] } {
  let seed = 42;
  const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
  const bank: ReconRecord[] = [];
  const ledger: ReconRecord[] = [];
  for (let n = 0; n < count; n += 1) {
    const cents = 100 + Math.floor(random() * 999_900);
    const minutes = (n * 4) / 60 - 600;
    const reference = `PAY-${String(n).padStart(6, '0')}`;
    bank.push(external({ key: `b${n}`, reference, amount: new Decimal(cents).div(100).toFixed(2), at: minutesAfterBase(minutes) }));
    const offCents = Math.floor(random() * 2);
    const amount = new Decimal(cents + offCents).div(100).toFixed(2);
    ledger.push(
      internal({ key: `l${n}`, reference: reference.replace('-', ''), amount, at: minutesAfterBase(minutes + Math.floor(random() * 10)) }),
    );
  }
  return { bank, ledger };
}
