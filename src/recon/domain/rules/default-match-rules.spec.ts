import { Decimal } from '../../../common/money/decimal.js';
import { DEFAULT_MATCH_PARAMETERS, type ReconRecord } from '../recon-record.js';
import { ledger, unscoped } from '../testing/ledger-candidate-builder.js';
import { external, params } from '../testing/recon-record-builder.js';
import { defaultMatchRules } from './default-match-rules.js';
import { firstMatchingRule } from './evaluate-rule.js';

/** data/bank_dump.csv, as the csv source reads it (amount "1,250.00" becomes 1250.00). */
const bankRows: ReconRecord[] = [
  external({ key: 'BNK-0001', reference: 'TXN-1001', amount: '1250.00', at: '2025-07-13T09:15:00Z', line: 2 }),
  external({ key: 'BNK-0002', reference: 'TXN-1002', amount: '89.99', at: '2025-07-13T11:42:10Z', line: 3 }),
  external({ key: 'BNK-0003', reference: 'TXN-1003', amount: '420.00', at: '2025-07-13T14:03:00Z', line: 4 }),
];
/** The transfers src/cli/seed/recon-sample-seeder.ts posts. */
const seededTransfers = [
  ledger({ id: 'T-1001', reference: 'TXN-1001', amount: '1250.00', at: '2025-07-13T09:14:30Z', metadata: { source: 'bank' } }),
  ledger({ id: 'T-1002', reference: 'TXN-1002', amount: '89.99', at: '2025-07-13T11:40:00Z', metadata: { source: 'bank' } }),
  ledger({ id: 'T-1003', reference: 'TXN1003X', amount: '420.01', at: '2025-07-13T14:00:00Z', metadata: { source: 'bank' } }),
];

describe('defaultMatchRules', () => {
  const rules = defaultMatchRules(DEFAULT_MATCH_PARAMETERS);

  it('lists exact, then same reference within the allowance, then fuzzy, from the match parameters', () => {
    expect(rules).toEqual([
      {
        name: 'exact_reference',
        kind: 'exact',
        fields: [
          { external: 'reference', internal: 'reference' },
          { external: 'amount', internal: 'amount' },
          { external: 'currency', internal: 'currency' },
        ],
        timeWindowMinutes: 60,
      },
      { name: 'reference_within_tolerance', kind: 'tolerance', amount: { absolute: new Decimal('0.05') }, timeWindowMinutes: 60 },
      {
        name: 'fuzzy',
        kind: 'fuzzy',
        weights: { reference: 0.6, amount: 0.25, time: 0.15 },
        threshold: 0.8,
        amount: { absolute: new Decimal('0.05') },
        timeWindowMinutes: 60,
      },
    ]);
  });

  it('given the seed sample, when every bank row meets every seeded transfer, then exactly 2 exact and 1 fuzzy at 0.8675 match', () => {
    const matches = bankRows.flatMap((row) =>
      seededTransfers.flatMap((transfer) => {
        const verdict = firstMatchingRule(rules, row, transfer, unscoped);
        return verdict.matched ? [{ bank: row.key, ledger: transfer.id, rule: verdict.rule, score: verdict.score, amountDiff: verdict.amountDiff.toFixed(2), minutes: verdict.timeDiffMinutes }] : [];
      }),
    );
    expect(matches).toEqual([
      { bank: 'BNK-0001', ledger: 'T-1001', rule: 'exact_reference', score: undefined, amountDiff: '0.00', minutes: 0.5 },
      { bank: 'BNK-0002', ledger: 'T-1002', rule: 'exact_reference', score: undefined, amountDiff: '0.00', minutes: 2 + 10 / 60 },
      { bank: 'BNK-0003', ledger: 'T-1003', rule: 'fuzzy', score: 0.8675, amountDiff: '0.01', minutes: 3 },
    ]);
  });

  it('says why the seed fuzzy pair is not a tolerance match: the references differ even normalised', () => {
    const verdict = firstMatchingRule(rules.slice(0, 2), bankRows[2], seededTransfers[2], unscoped);
    expect(verdict).toMatchObject({ matched: false, rule: 'exact_reference', reasonCode: 'field_mismatch' });
    expect(firstMatchingRule([rules[1]], bankRows[2], seededTransfers[2], unscoped)).toMatchObject({
      reasonCode: 'field_mismatch',
      detail: "rule 'reference_within_tolerance': reference 'TXN-1003' differs from ledger transfer 'TXN1003X' (id T-1003)",
    });
  });

  it('fixes the reported defect: the exact reference 0.04 off under an allowance of 0.05, 30 minutes apart, matches by tolerance', () => {
    const row = external({ key: 'b', reference: 'INV-55', amount: '100.04', at: '2025-07-13T12:30:00Z' });
    const transfer = ledger({ id: 't', reference: 'INV-55', amount: '100.00', at: '2025-07-13T12:00:00Z' });
    // The fuzzy rule alone would score 0.6 + 0.25 * 0.2 + 0.15 * 0.5 = 0.725 < 0.80.
    expect(firstMatchingRule([rules[2]], row, transfer, unscoped)).toMatchObject({ matched: false, reasonCode: 'below_threshold' });
    expect(firstMatchingRule(rules, row, transfer, unscoped)).toMatchObject({ matched: true, rule: 'reference_within_tolerance', amountDiff: new Decimal('0.04') });
  });

  it('matches a date-only statement line on the same business day under the default minute window', () => {
    const row: ReconRecord = { ...bankRows[0], timePrecision: 'date', bookingDate: '2025-07-13', occurredAt: new Date('2025-07-13T00:00:00Z') };
    expect(firstMatchingRule(rules, row, seededTransfers[0], unscoped)).toMatchObject({ matched: true, rule: 'exact_reference', dayLag: 0 });
  });

  it('follows the job parameters and refuses an allowance above the rule bound', () => {
    const wide = defaultMatchRules(params({ maxTimeDiffMinutes: 1440, allowedAmountDiff: new Decimal('1'), fuzzyThreshold: 0.9 }));
    expect(wide[2]).toMatchObject({ threshold: 0.9, timeWindowMinutes: 1440, amount: { absolute: new Decimal('1') } });
    expect(() => defaultMatchRules(params({ allowedAmountDiff: new Decimal('1000.01') }))).toThrow('allowedAmountDiff: must be a non-negative decimal of at most 1000');
  });
});
