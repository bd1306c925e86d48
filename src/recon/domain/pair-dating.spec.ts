import { dayLagOf, isWithinTolerances, maxDateLagDaysOf } from './pair-dating.js';
import type { ReconRecord } from './recon-record.js';
import { defaultMatchRules } from './rules/default-match-rules.js';
import type { MatchRule } from './rules/match-rule.js';
import { external, internal, params } from './testing/recon-record-builder.js';

/** A statement line booked on `bookingDate`, without a time: occurredAt is 00:00 UTC of that day. */
const booked = (key: string, bookingDate: string, extra: Partial<ReconRecord> = {}): ReconRecord => ({
  ...external({ key, reference: 'INV-1', at: `${bookingDate}T00:00:00Z` }),
  timePrecision: 'date',
  bookingDate,
  ...extra,
});
const transfer = (key: string, at: string, extra: Partial<ReconRecord> = {}): ReconRecord => ({ ...internal({ key, reference: 'INV-1', at }), ...extra });
const sameDay = { timeZone: 'UTC', maxDateLagDays: 0 };

describe('pair dating helpers', () => {
  it('measures the lag only for date-only records', () => {
    expect(dayLagOf(booked('B1', '2025-04-03'), transfer('T1', '2025-04-02T18:00:00Z'), 'UTC')).toBe(1);
    expect(dayLagOf(external({ key: 'E1' }), transfer('T1', '2025-04-02T18:00:00Z'), 'UTC')).toBeUndefined();
  });

  it('tells whether two records are within the amount and timing tolerances, whichever side each is on', () => {
    const line = booked('B1', '2025-04-02');
    expect(isWithinTolerances(line, transfer('T1', '2025-04-02T20:00:00Z', { amount: line.amount.plus('0.05') }), params(), sameDay)).toBe(true);
    expect(isWithinTolerances(transfer('T1', '2025-04-02T20:00:00Z', { amount: line.amount.plus('0.06') }), line, params(), sameDay)).toBe(false);
    expect(isWithinTolerances(line, transfer('T1', '2025-04-03T00:00:00Z'), params(), sameDay)).toBe(false);
    expect(isWithinTolerances(line, transfer('T1', '2025-04-02T20:00:00Z', { currency: 'EUR' }), params(), sameDay)).toBe(false);
  });

  it('takes the widest lag of a source rules, 0 without any', () => {
    const rules: MatchRule[] = [
      ...defaultMatchRules(params()),
      { name: 'late_bank', kind: 'tolerance', amount: {}, maxDateLagDays: 3 },
    ];
    expect(maxDateLagDaysOf(undefined)).toBe(0);
    expect(maxDateLagDaysOf(defaultMatchRules(params()))).toBe(0);
    expect(maxDateLagDaysOf(rules)).toBe(3);
  });
});
