import { evaluatePairs } from './pair-evaluation.js';
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

describe('evaluatePairs with dates without times', () => {
  it('matches a date-only line with a transfer of the same business day at any hour, not by minutes', () => {
    const [candidate] = evaluatePairs(booked('B1', '2025-04-02'), [transfer('T1', '2025-04-02T23:59:00Z')], params(), sameDay);
    expect(candidate).toMatchObject({ type: 'fuzzy', score: 1, timeDiffMinutes: 0 });
    expect(candidate.internal.key).toBe('T1');
  });

  it('compares calendar days in the business time zone: 23:30Z on 1 April is 2 April in Berlin', () => {
    const late = transfer('T1', '2025-04-01T23:30:00Z');
    expect(evaluatePairs(booked('B1', '2025-04-02'), [late], params(), sameDay)).toEqual([]);
    expect(evaluatePairs(booked('B1', '2025-04-02'), [late], params(), { timeZone: 'Europe/Berlin', maxDateLagDays: 0 })).toHaveLength(1);
  });

  it('allows the bank to book up to the lag after the transfer, inclusive, never before; the time part falls with the lag', () => {
    const dating = { timeZone: 'UTC', maxDateLagDays: 2 };
    const ledger = [transfer('T1', '2025-04-02T10:00:00Z')];
    const scoreOn = (date: string) => evaluatePairs(booked('B1', date), ledger, params(), dating).map((c) => [c.score, c.timeDiffMinutes]);
    expect(scoreOn('2025-04-02')).toEqual([[1, 0]]);
    expect(scoreOn('2025-04-03')).toEqual([[0.925, 1440]]);
    expect(scoreOn('2025-04-04')).toEqual([[0.85, 2880]]);
    expect(scoreOn('2025-04-05')).toEqual([]);
    expect(scoreOn('2025-04-01')).toEqual([]);
  });

  it('keeps timed records on the minutes window', () => {
    const timed = external({ key: 'E1', reference: 'INV-1', at: '2025-04-02T10:00:00Z' });
    expect(evaluatePairs(timed, [transfer('T1', '2025-04-02T11:00:00Z')], params(), sameDay)).toHaveLength(1);
    expect(evaluatePairs(timed, [transfer('T1', '2025-04-02T11:00:00.001Z')], params(), sameDay)).toEqual([]);
  });
});

describe('evaluatePairs and direction', () => {
  const line = booked('B1', '2025-04-02', { direction: 'debit' });

  it('never pairs records moving money opposite ways', () => {
    expect(evaluatePairs(line, [transfer('T1', '2025-04-02T09:00:00Z', { direction: 'credit' })], params(), sameDay)).toEqual([]);
    expect(evaluatePairs(line, [transfer('T1', '2025-04-02T09:00:00Z', { direction: 'debit' })], params(), sameDay)).toHaveLength(1);
  });

  it('does not compare when a side has no direction (an unscoped job)', () => {
    expect(evaluatePairs(line, [transfer('T1', '2025-04-02T09:00:00Z')], params(), sameDay)).toHaveLength(1);
  });
});

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
