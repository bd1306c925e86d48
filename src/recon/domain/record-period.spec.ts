import { businessDateOf, isWithinPeriod } from './record-period.js';
import { Decimal } from '../../common/money/decimal.js';
import type { ReconRecord } from './recon-record.js';

const record = (occurredAt: string, extra: Partial<ReconRecord> = {}): ReconRecord => ({
  side: 'external', key: 'B-1', reference: 'R', amount: new Decimal('1'), currency: 'USD', occurredAt: new Date(occurredAt), ...extra,
});

describe('businessDateOf', () => {
  it('is the calendar day of the instant in the business time zone', () => {
    expect(businessDateOf(record('2025-07-12T16:00:00Z'), 'UTC')).toBe('2025-07-12');
    expect(businessDateOf(record('2025-07-12T16:00:00Z'), 'Asia/Tokyo')).toBe('2025-07-13');
  });

  it('is the booking date when the source gives only a date', () => {
    expect(businessDateOf(record('2025-07-14T00:00:00Z', { timePrecision: 'date', bookingDate: '2025-07-14' }), 'America/New_York')).toBe('2025-07-14');
  });
});

describe('isWithinPeriod', () => {
  it('includes both ends and nothing outside', () => {
    const period = { from: '2025-07-13', to: '2025-07-15' };
    expect(['2025-07-12', '2025-07-13', '2025-07-15', '2025-07-16'].map((date) => isWithinPeriod(date, period))).toEqual([false, true, true, false]);
  });
});
