import { Decimal } from '../../../common/money/decimal.js';
import type { ReconRecord } from '../recon-record.js';
import { ledger, scoped, unscoped } from '../testing/ledger-candidate-builder.js';
import { external, minutesAfterBase } from '../testing/recon-record-builder.js';
import { evaluateRule, firstMatchingRule } from './evaluate-rule.js';
import type { ExactRule, FuzzyRule, MatchRule, ToleranceRule } from './match-rule.js';

const d = (text: string) => new Decimal(text);

const tolerance = (overrides: Partial<ToleranceRule> = {}): ToleranceRule => ({
  name: 'within',
  kind: 'tolerance',
  amount: { absolute: d('0.05') },
  timeWindowMinutes: 60,
  ...overrides,
});
const exact = (overrides: Partial<ExactRule> = {}): ExactRule => ({
  name: 'e2e',
  kind: 'exact',
  fields: [{ external: 'end_to_end_id', internal: 'metadata.end_to_end_id' }],
  ...overrides,
});
const fuzzy = (overrides: Partial<FuzzyRule> = {}): FuzzyRule => ({
  name: 'fuzzy',
  kind: 'fuzzy',
  weights: { reference: 0.6, amount: 0.25, time: 0.15 },
  threshold: 0.8,
  amount: { absolute: d('0.05') },
  timeWindowMinutes: 60,
  ...overrides,
});
const dated = (record: ReconRecord, bookingDate: string): ReconRecord => ({
  ...record,
  timePrecision: 'date',
  bookingDate,
  occurredAt: new Date(`${bookingDate}T00:00:00Z`),
});

describe('tolerance rule', () => {
  const bank = (amount: string) => external({ key: 'b1', reference: 'INV-7', amount });
  const books = (amount: string) => ledger({ id: 't1', reference: 'INV-7', amount });

  it('given 1.05 against 1.00 at an absolute 0.05, it matches exactly at the bound (decimal, inclusive)', () => {
    expect(evaluateRule(tolerance(), bank('1.05'), books('1.00'), unscoped)).toEqual({
      matched: true,
      rule: 'within',
      kind: 'tolerance',
      reasonCode: 'matched_tolerance',
      amountDiff: d('0.05'),
      timeDiffMinutes: 0,
    });
  });

  it('given 1.0500001 against 1.00 at 0.05, it refuses with amount_outside_tolerance naming the ledger reference', () => {
    const verdict = evaluateRule(tolerance(), bank('1.0500001'), books('1.00'), unscoped);
    expect(verdict).toEqual({
      matched: false,
      rule: 'within',
      kind: 'tolerance',
      reasonCode: 'amount_outside_tolerance',
      stage: 2,
      detail: "rule 'within': amount 1.0500001 is 0.0500001 from 1.00 on ledger transfer 'INV-7' (id t1), beyond the tolerance 0.05 (0.05 here)",
    });
  });

  it('given signed amounts, it compares them as numbers: -1.05 vs -1.00 is 0.05 apart, 1.00 vs -1.00 is 2.00 apart', () => {
    expect(evaluateRule(tolerance(), bank('-1.05'), books('-1.00'), unscoped)).toMatchObject({ matched: true, amountDiff: d('0.05') });
    expect(evaluateRule(tolerance(), bank('1.00'), books('-1.00'), unscoped)).toMatchObject({ matched: false, reasonCode: 'amount_outside_tolerance' });
  });

  it('given a percentage, it takes it of the ledger amount in absolute value: 1% of 250.00 allows 2.50 and not 2.51', () => {
    const rule = tolerance({ amount: { percent: d('1') } });
    expect(evaluateRule(rule, bank('252.50'), books('250.00'), unscoped)).toMatchObject({ matched: true, amountDiff: d('2.50') });
    expect(evaluateRule(rule, bank('252.51'), books('250.00'), unscoped)).toMatchObject({ matched: false, reasonCode: 'amount_outside_tolerance' });
    expect(evaluateRule(rule, bank('-247.50'), books('-250.00'), unscoped)).toMatchObject({ matched: true });
  });

  it('given both an absolute and a percentage bound, a difference within either one is accepted (the greater bound)', () => {
    const rule = tolerance({ amount: { absolute: d('0.50'), percent: d('1') } });
    // Small amount: 1% of 10.00 is 0.10, the absolute 0.50 is greater.
    expect(evaluateRule(rule, bank('10.50'), books('10.00'), unscoped)).toMatchObject({ matched: true });
    expect(evaluateRule(rule, bank('10.51'), books('10.00'), unscoped)).toMatchObject({ matched: false });
    // Large amount: 1% of 1000.00 is 10.00, greater than 0.50.
    expect(evaluateRule(rule, bank('1010.00'), books('1000.00'), unscoped)).toMatchObject({ matched: true, amountDiff: d('10') });
    const refused = evaluateRule(rule, bank('1010.01'), books('1000.00'), unscoped);
    expect(refused).toMatchObject({ matched: false, detail: expect.stringContaining('beyond the tolerance 0.50 or 1% (10.00 here)') });
  });

  it('compares references normalised (case and separators) and refuses a different one with field_mismatch', () => {
    const ledgerSide = ledger({ id: 't1', reference: 'inv 7', amount: '1.00' });
    expect(evaluateRule(tolerance(), bank('1.04'), ledgerSide, unscoped)).toMatchObject({ matched: true });
    expect(evaluateRule(tolerance(), bank('1.00'), ledger({ id: 't2', reference: 'INV-8', amount: '1.00' }), unscoped)).toMatchObject({
      matched: false,
      reasonCode: 'field_mismatch',
      detail: "rule 'within': reference 'INV-7' differs from ledger transfer 'INV-8' (id t2)",
    });
    expect(evaluateRule(tolerance(), bank('1.00'), ledger({ id: 't3', reference: ' ', amount: '1.00' }), unscoped)).toMatchObject({
      reasonCode: 'field_missing',
      detail: "rule 'within': ledger transfer t3 (no reference) has no reference",
    });
  });

  it('matches at exactly the time window and not one second later', () => {
    const at = (minutes: number) => external({ key: 'b1', reference: 'INV-7', amount: '1.00', at: minutesAfterBase(minutes) });
    expect(evaluateRule(tolerance(), at(-60), books('1.00'), unscoped)).toMatchObject({ matched: true, timeDiffMinutes: 60 });
    expect(evaluateRule(tolerance(), at(60 + 1 / 60), books('1.00'), unscoped)).toMatchObject({
      matched: false,
      reasonCode: 'time_outside_window',
      detail: "rule 'within': 60.02 min from ledger transfer 'INV-7' (id t1), beyond the rule's 60-minute window",
    });
  });

  it('refuses another currency whatever the amounts', () => {
    const verdict = evaluateRule(tolerance(), bank('1.00'), ledger({ id: 't1', reference: 'INV-7', amount: '1.00', currency: 'EUR' }), unscoped);
    expect(verdict).toMatchObject({ matched: false, reasonCode: 'currency_mismatch', stage: 0 });
  });
});

describe('dates without times', () => {
  const bankOn = (bookingDate: string) => dated(external({ key: 'b1', reference: 'INV-7', amount: '10.00' }), bookingDate);
  const transferAt = (at: string) => ledger({ id: 't1', reference: 'INV-7', amount: '10.00', at });

  it('given a minute window only, a booking date matches a transfer on the same business day, at any time of day', () => {
    expect(evaluateRule(tolerance(), bankOn('2025-07-13'), transferAt('2025-07-13T23:59:00Z'), unscoped)).toEqual({
      matched: true,
      rule: 'within',
      kind: 'tolerance',
      reasonCode: 'matched_tolerance',
      amountDiff: d('0'),
      dayLag: 0,
    });
    expect(evaluateRule(tolerance(), bankOn('2025-07-14'), transferAt('2025-07-13T23:59:00Z'), unscoped)).toMatchObject({
      matched: false,
      reasonCode: 'date_outside_lag',
    });
  });

  it('given max_date_lag_days 2, the bank may book 0, 1 or 2 days after the ledger, never 3 and never before', () => {
    const rule = tolerance({ timeWindowMinutes: undefined, maxDateLagDays: 2 });
    const transfer = transferAt('2025-07-13T10:00:00Z');
    expect(evaluateRule(rule, bankOn('2025-07-13'), transfer, unscoped)).toMatchObject({ matched: true, dayLag: 0 });
    expect(evaluateRule(rule, bankOn('2025-07-15'), transfer, unscoped)).toMatchObject({ matched: true, dayLag: 2 });
    expect(evaluateRule(rule, bankOn('2025-07-16'), transfer, unscoped)).toMatchObject({
      matched: false,
      reasonCode: 'date_outside_lag',
      detail:
        "rule 'within': booked 2025-07-16, 3 days after ledger transfer 'INV-7' (id t1) (business day 2025-07-13 in UTC); the rule allows 0 to 2 days after, never before",
    });
    expect(evaluateRule(rule, bankOn('2025-07-12'), transfer, unscoped)).toMatchObject({
      matched: false,
      detail: expect.stringContaining('booked 2025-07-12, 1 day before'),
    });
  });

  it('takes the ledger day in the business time zone: 23:30 UTC on the 13th is the 14th in Berlin', () => {
    const rule = tolerance({ timeWindowMinutes: undefined, maxDateLagDays: 0 });
    const berlin = { businessTimeZone: 'Europe/Berlin', accountScoped: false };
    const transfer = transferAt('2025-07-13T23:30:00Z');
    expect(evaluateRule(rule, bankOn('2025-07-14'), transfer, berlin)).toMatchObject({ matched: true, dayLag: 0 });
    expect(evaluateRule(rule, bankOn('2025-07-13'), transfer, berlin)).toMatchObject({ matched: false, reasonCode: 'date_outside_lag' });
  });

  it('given a timed record and only a day lag, it compares business days of both instants', () => {
    const rule = tolerance({ timeWindowMinutes: undefined, maxDateLagDays: 1 });
    const timed = external({ key: 'b1', reference: 'INV-7', amount: '10.00', at: '2025-07-14T08:00:00Z' });
    expect(evaluateRule(rule, timed, transferAt('2025-07-13T22:00:00Z'), unscoped)).toMatchObject({ matched: true, dayLag: 1, timeDiffMinutes: 600 });
  });
});

describe('direction', () => {
  const bank: ReconRecord = { ...external({ key: 'b1', reference: 'INV-7', amount: '10.00' }), direction: 'debit' };

  it('on an account-scoped job, a debit line matches only a transfer that debits the account', () => {
    expect(evaluateRule(tolerance(), bank, ledger({ id: 't1', reference: 'INV-7', amount: '10.00', direction: 'debit' }), scoped)).toMatchObject({ matched: true });
    expect(evaluateRule(tolerance(), bank, ledger({ id: 't2', reference: 'INV-7', amount: '10.00', direction: 'credit' }), scoped)).toEqual({
      matched: false,
      rule: 'within',
      kind: 'tolerance',
      reasonCode: 'direction_mismatch',
      stage: 4,
      detail: "rule 'within': the line is a debit but ledger transfer 'INV-7' (id t2) is a credit of the account",
    });
  });

  it('unscoped, or when one side does not know its direction, direction is not compared', () => {
    const credit = ledger({ id: 't2', reference: 'INV-7', amount: '10.00', direction: 'credit' });
    expect(evaluateRule(tolerance(), bank, credit, unscoped)).toMatchObject({ matched: true });
    expect(evaluateRule(tolerance(), bank, ledger({ id: 't3', reference: 'INV-7', amount: '10.00' }), scoped)).toMatchObject({ matched: true });
  });
});

describe('exact rule', () => {
  const bank: ReconRecord = { ...external({ key: 'b1', reference: 'free text', amount: '99.00' }), endToEndId: 'E2E-42' };

  it('matches end_to_end_id against metadata.end_to_end_id, whatever the reference and amount', () => {
    const transfer = ledger({ id: 't1', reference: 'INV-9', amount: '100.00', metadata: { end_to_end_id: 'E2E-42' } });
    expect(evaluateRule(exact(), bank, transfer, unscoped)).toEqual({
      matched: true,
      rule: 'e2e',
      kind: 'exact',
      reasonCode: 'matched_exact',
      amountDiff: d('1'),
      timeDiffMinutes: 0,
    });
  });

  it('compares identifiers as written (trimmed, case-sensitive) and says which side lacks the field', () => {
    const other = ledger({ id: 't1', reference: 'INV-9', metadata: { end_to_end_id: 'e2e-42' } });
    expect(evaluateRule(exact(), bank, other, unscoped)).toMatchObject({
      reasonCode: 'field_mismatch',
      detail: "rule 'e2e': end_to_end_id 'E2E-42' differs from metadata.end_to_end_id 'e2e-42' on ledger transfer 'INV-9' (id t1)",
    });
    expect(evaluateRule(exact(), bank, ledger({ id: 't1', reference: 'INV-9' }), unscoped)).toMatchObject({
      reasonCode: 'field_missing',
      detail: "rule 'e2e': ledger transfer 'INV-9' (id t1) has no metadata.end_to_end_id",
    });
    const noId = external({ key: 'b2', reference: 'x' });
    expect(evaluateRule(exact(), noId, ledger({ id: 't1', metadata: { end_to_end_id: 'E2E-42' } }), unscoped)).toMatchObject({
      reasonCode: 'field_missing',
      detail: "rule 'e2e': the external record has no end_to_end_id",
    });
  });

  it('reference + amount + currency compares amounts as decimals: 1250.00 equals 1250', () => {
    const rule = exact({ fields: (['reference', 'amount', 'currency'] as const).map((f) => ({ external: f, internal: f })), timeWindowMinutes: 60 });
    const line = external({ key: 'b1', reference: 'TXN-1001', amount: '1250.00' });
    expect(evaluateRule(rule, line, ledger({ id: 't1', reference: 'TXN-1001', amount: '1250' }), unscoped)).toMatchObject({ matched: true });
    expect(evaluateRule(rule, line, ledger({ id: 't1', reference: 'TXN-1001', amount: '1250.01' }), unscoped)).toMatchObject({
      reasonCode: 'field_mismatch',
      detail: "rule 'e2e': amount 1250.00 differs from 1250.01 on ledger transfer 'TXN-1001' (id t1)",
    });
  });

  it('without a time setting, time is not constrained (the job period bounds it), but it is still measured', () => {
    const late = { ...bank, occurredAt: new Date(minutesAfterBase(3 * 24 * 60)) };
    expect(evaluateRule(exact(), late, ledger({ id: 't1', metadata: { end_to_end_id: 'E2E-42' } }), unscoped)).toMatchObject({
      matched: true,
      timeDiffMinutes: 4320,
    });
  });
});

describe('fuzzy rule', () => {
  it('scores the seed sample 0.8675 with the default weights', () => {
    const bank = external({ key: 'BNK-0003', reference: 'TXN-1003', amount: '420.00', at: '2025-07-13T14:03:00Z' });
    const transfer = ledger({ id: 'T-1003', reference: 'TXN1003X', amount: '420.01', at: '2025-07-13T14:00:00Z' });
    expect(evaluateRule(fuzzy(), bank, transfer, unscoped)).toEqual({
      matched: true,
      rule: 'fuzzy',
      kind: 'fuzzy',
      reasonCode: 'matched_fuzzy',
      score: 0.8675,
      amountDiff: d('0.01'),
      timeDiffMinutes: 3,
    });
  });

  it('normalises configured weights by their sum, and refuses under the threshold with below_threshold', () => {
    const bank = external({ key: 'b', reference: 'AAAA', amount: '10.00' });
    const transfer = ledger({ id: 't', reference: 'ZZZZ', amount: '10.00' });
    // Only amount and time count, equally: both perfect, so the score is 1 despite unrelated references.
    expect(evaluateRule(fuzzy({ weights: { reference: 0, amount: 2, time: 2 } }), bank, transfer, unscoped)).toMatchObject({ matched: true, score: 1 });
    expect(evaluateRule(fuzzy(), bank, transfer, unscoped)).toMatchObject({
      matched: false,
      reasonCode: 'below_threshold',
      stage: 5,
      detail: "rule 'fuzzy': score 0.40 against ledger transfer 'ZZZZ' (id t) is under the threshold 0.80",
    });
  });

  it('treats the amount allowance and the window as hard, inclusive limits', () => {
    const transfer = ledger({ id: 't', reference: 'R-1', amount: '10.00' });
    expect(evaluateRule(fuzzy({ threshold: 0 }), external({ key: 'b', reference: 'R-1', amount: '10.05' }), transfer, unscoped)).toMatchObject({ matched: true });
    expect(evaluateRule(fuzzy({ threshold: 0 }), external({ key: 'b', reference: 'R-1', amount: '10.06' }), transfer, unscoped)).toMatchObject({
      reasonCode: 'amount_outside_tolerance',
    });
  });

  it('uses the day lag as time closeness for a booking date: 1 day of 2 allowed is closeness 0.5', () => {
    const bank = dated(external({ key: 'b', reference: 'R-1', amount: '10.00' }), '2025-07-14');
    const transfer = ledger({ id: 't', reference: 'R-1', amount: '10.00', at: '2025-07-13T09:00:00Z' });
    // 0.6 * 1 + 0.25 * 1 + 0.15 * 0.5
    expect(evaluateRule(fuzzy({ maxDateLagDays: 2 }), bank, transfer, unscoped)).toMatchObject({ matched: true, score: 0.925, dayLag: 1 });
  });
});

describe('firstMatchingRule', () => {
  const rules: MatchRule[] = [exact(), tolerance(), fuzzy()];

  it('first match wins, in the order given', () => {
    const bank: ReconRecord = { ...external({ key: 'b1', reference: 'INV-7', amount: '10.00' }), endToEndId: 'E2E-1' };
    const transfer = ledger({ id: 't1', reference: 'INV-7', amount: '10.00', metadata: { end_to_end_id: 'E2E-1' } });
    expect(firstMatchingRule(rules, bank, transfer, unscoped)).toMatchObject({ matched: true, rule: 'e2e' });
    expect(firstMatchingRule([tolerance(), exact()], bank, transfer, unscoped)).toMatchObject({ matched: true, rule: 'within' });
  });

  it('without a match, reports the miss that got furthest: same reference but 3.00 off beats a missing end-to-end id', () => {
    const bank = external({ key: 'b1', reference: 'INV-7', amount: '13.00' });
    const verdict = firstMatchingRule(rules, bank, ledger({ id: 't1', reference: 'INV-7', amount: '10.00' }), unscoped);
    expect(verdict).toMatchObject({ matched: false, rule: 'within', reasonCode: 'amount_outside_tolerance' });
  });

  it('a close pair with another reference is reported below_threshold by the fuzzy rule', () => {
    const bank = external({ key: 'b1', reference: 'INV-8', amount: '10.00', at: minutesAfterBase(30) });
    const verdict = firstMatchingRule(rules, bank, ledger({ id: 't1', reference: 'INV-7', amount: '10.00' }), unscoped);
    expect(verdict).toMatchObject({ matched: false, rule: 'fuzzy', reasonCode: 'below_threshold' });
  });

  it('on equal progress the earlier rule speaks', () => {
    const bank = external({ key: 'b1', reference: 'INV-7', amount: '10.00', currency: 'EUR' });
    expect(firstMatchingRule(rules, bank, ledger({ id: 't1' }), unscoped)).toMatchObject({ rule: 'e2e', reasonCode: 'currency_mismatch' });
  });
});
