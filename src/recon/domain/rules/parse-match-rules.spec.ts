import { ValidationFailed } from '../../../common/errors/domain-error.js';
import { Decimal } from '../../../common/money/decimal.js';
import { parseMatchRules } from './parse-match-rules.js';

const path = 'sources.bank.rules';
const fuzzyRule = { name: 'fuzzy', kind: 'fuzzy', amount: { absolute: '0.05' }, time_window_minutes: 60 };
const errorOf = (json: unknown): { message: string; field?: string } => {
  try {
    parseMatchRules(json, path);
  } catch (error) {
    if (!(error instanceof ValidationFailed)) throw error;
    return { message: error.message, field: error.details?.[0]?.field };
  }
  throw new Error('expected a ValidationFailed');
};

describe('parseMatchRules', () => {
  it('reads "same end-to-end id, else same reference within 1% and 2 days, else fuzzy" into typed rules', () => {
    const rules = parseMatchRules(
      [
        { name: 'end_to_end', kind: 'exact', fields: [{ external: 'end_to_end_id', internal: 'metadata.end_to_end_id' }] },
        { name: 'ref_amount', kind: 'exact', fields: ['reference', 'amount', 'currency'], time_window_minutes: 60 },
        { name: 'one_percent', kind: 'tolerance', amount: { percent: '1', absolute: '0.50' }, max_date_lag_days: 2 },
        { ...fuzzyRule, threshold: 0.75, weights: { reference: 0.5, amount: 0.3, time: 0.2 } },
      ],
      path,
    );
    expect(rules).toEqual([
      { name: 'end_to_end', kind: 'exact', fields: [{ external: 'end_to_end_id', internal: 'metadata.end_to_end_id' }] },
      {
        name: 'ref_amount',
        kind: 'exact',
        fields: [
          { external: 'reference', internal: 'reference' },
          { external: 'amount', internal: 'amount' },
          { external: 'currency', internal: 'currency' },
        ],
        timeWindowMinutes: 60,
      },
      { name: 'one_percent', kind: 'tolerance', amount: { absolute: new Decimal('0.50'), percent: new Decimal('1') }, maxDateLagDays: 2 },
      {
        name: 'fuzzy',
        kind: 'fuzzy',
        amount: { absolute: new Decimal('0.05') },
        threshold: 0.75,
        weights: { reference: 0.5, amount: 0.3, time: 0.2 },
        timeWindowMinutes: 60,
      },
    ]);
  });

  it('gives a fuzzy rule today’s weights and threshold when it states none, and accepts a percentage as a JSON number', () => {
    const [rule] = parseMatchRules([{ ...fuzzyRule, amount: { percent: 0.5 } }], path);
    expect(rule).toEqual({ ...rule, threshold: 0.8, weights: { reference: 0.6, amount: 0.25, time: 0.15 }, amount: { percent: new Decimal('0.5') } });
  });

  it.each([
    [{ rules: [] }, path, 'must be an array of rules'],
    [[], path, 'must hold 1 to 10 rules'],
    [Array.from({ length: 11 }, (_, n) => ({ ...fuzzyRule, name: `r${n}` })), path, 'must hold 1 to 10 rules'],
    [[fuzzyRule, fuzzyRule], `${path}[1].name`, "'fuzzy' is already the name of an earlier rule"],
    [[{ ...fuzzyRule, name: 'Fuzzy' }], `${path}[0].name`, 'must be lowercase letters, digits and underscores, starting with a letter'],
    [[{ ...fuzzyRule, kind: 'ml' }], `${path}[0].kind`, "must be 'exact', 'tolerance' or 'fuzzy'"],
    [[{ ...fuzzyRule, treshold: 0.7 }], `${path}[0].treshold`, 'is not a setting of a fuzzy rule (settings: name, kind, amount, threshold, weights, time_window_minutes, max_date_lag_days)'],
    [[fuzzyRule, { name: 'tol', kind: 'tolerance', amount: { percent: '10.01' }, max_date_lag_days: 1 }], `${path}[1].amount.percent`, 'must be at most 10'],
    [[{ ...fuzzyRule, amount: { absolute: '1000.01' } }], `${path}[0].amount.absolute`, 'must be at most 1000'],
    [[{ ...fuzzyRule, amount: { absolute: 0.05 } }], `${path}[0].amount.absolute`, 'must be a non-negative decimal string such as "0.05"'],
    [[{ ...fuzzyRule, amount: { absolute: '-1' } }], `${path}[0].amount.absolute`, 'must be a non-negative decimal string such as "0.05"'],
    [[{ ...fuzzyRule, amount: {} }], `${path}[0].amount`, 'needs absolute (e.g. "0.05") or percent (e.g. "1"), or both: a difference within either is accepted'],
    [[{ ...fuzzyRule, amount: { absolute: '1', fixed: '2' } }], `${path}[0].amount.fixed`, 'is not an amount setting (absolute, percent)'],
    [[{ ...fuzzyRule, time_window_minutes: 10_081 }], `${path}[0].time_window_minutes`, 'must be an integer between 0 and 10080'],
    [[{ ...fuzzyRule, time_window_minutes: 1.5 }], `${path}[0].time_window_minutes`, 'must be an integer between 0 and 10080'],
    [[{ ...fuzzyRule, max_date_lag_days: 8 }], `${path}[0].max_date_lag_days`, 'must be an integer between 0 and 7'],
    [[{ name: 'tol', kind: 'tolerance', amount: { absolute: '1' } }], `${path}[0]`, 'needs time_window_minutes or max_date_lag_days (or both)'],
    [[{ ...fuzzyRule, threshold: 1.01 }], `${path}[0].threshold`, 'must be a number between 0 and 1'],
    [[{ ...fuzzyRule, weights: { reference: -0.1, amount: 1, time: 0 } }], `${path}[0].weights.reference`, 'must be a non-negative number'],
    [[{ ...fuzzyRule, weights: { reference: 0, amount: 0, time: 0 } }], `${path}[0].weights`, 'must not all be zero'],
    [[{ ...fuzzyRule, weights: { reference: 1, amount: 1 } }], `${path}[0].weights.time`, 'must be a non-negative number'],
    [[{ name: 'e', kind: 'exact', fields: [] }], `${path}[0].fields`, expect.stringContaining('must list 1 to 8 fields')],
    [[{ name: 'e', kind: 'exact', fields: ['end_to_end_id'] }], `${path}[0].fields[0]`, expect.stringContaining('a field named alone must exist on both sides')],
    [[{ name: 'e', kind: 'exact', fields: [{ external: 'iban', internal: 'reference' }] }], `${path}[0].fields[0].external`, 'must be one of id, reference, end_to_end_id, amount, currency, counterparty'],
    [[{ name: 'e', kind: 'exact', fields: [{ external: 'reference', internal: 'metadata.' }] }], `${path}[0].fields[0].internal`, 'must be one of id, reference, amount, currency or metadata.<key>'],
    [[{ name: 'e', kind: 'exact', fields: [{ external: 'amount', internal: 'metadata.amount' }] }], `${path}[0].fields[0]`, 'amount compares only with amount (as a decimal, not as text)'],
    [[null], `${path}[0]`, 'must be an object'],
  ])('refuses %j at %s: %s', (json, field, message) => {
    expect(errorOf(json)).toEqual({ field, message: typeof message === 'string' ? `${field}: ${message}` : expect.anything() });
    if (typeof message !== 'string') expect(errorOf(json).message).toEqual(message);
  });
});
