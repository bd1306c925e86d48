import { Decimal } from '../../../common/money/decimal.js';
import { DEFAULT_MATCH_PARAMETERS } from '../recon-record.js';
import { ledger, unscoped } from '../testing/ledger-candidate-builder.js';
import { external, minutesAfterBase } from '../testing/recon-record-builder.js';
import { defaultMatchRules } from './default-match-rules.js';
import type { MatchRule } from './match-rule.js';
import { ruleCandidates } from './rule-candidates.js';

const rules = defaultMatchRules(DEFAULT_MATCH_PARAMETERS);

describe('ruleCandidates', () => {
  it('names the first rule each partner matches, ranks certain rules (score 1) above fuzzy ones, and drops the rest', () => {
    const line = external({ key: 'b', reference: 'INV-55', amount: '100.04', at: minutesAfterBase(30) });
    const partners = [
      ledger({ id: 't-fuzzy', reference: 'INV-55X', amount: '100.04', at: minutesAfterBase(29) }),
      ledger({ id: 't-tolerance', reference: 'inv 55', amount: '100.00' }),
      ledger({ id: 't-other', reference: 'ZZZ-1', amount: '100.04', at: minutesAfterBase(30) }),
    ];
    expect(ruleCandidates(line, partners, rules, unscoped)).toEqual([
      { internalId: 't-tolerance', rule: 'reference_within_tolerance', kind: 'tolerance', score: 1, amountDiff: new Decimal('0.04'), distanceMs: 1_800_000 },
      // 0.6 * (1 - 1/6) + 0.25 * 1 + 0.15 * (1 - 1/60)
      { internalId: 't-fuzzy', rule: 'fuzzy', kind: 'fuzzy', score: 0.8975, amountDiff: new Decimal('0'), distanceMs: 60_000 },
    ]);
  });

  it('matches an end-to-end id against the transfer metadata, whatever the references, when that is the rule', () => {
    const endToEnd: MatchRule[] = [{ name: 'end_to_end', kind: 'exact', fields: [{ external: 'end_to_end_id', internal: 'metadata.end_to_end_id' }] }];
    const line = { ...external({ key: 'b', reference: 'BANK-9', amount: '310.00', at: minutesAfterBase(10) }), endToEndId: 'E2E-777' };
    const partners = [
      ledger({ id: 't1', reference: 'BANK-9', amount: '310.00', metadata: { end_to_end_id: 'E2E-778' } }),
      ledger({ id: 't2', reference: 'PAYOUT-1', amount: '310.00', metadata: { end_to_end_id: 'E2E-777' } }),
    ];
    expect(ruleCandidates(line, partners, endToEnd, unscoped)).toEqual([
      { internalId: 't2', rule: 'end_to_end', kind: 'exact', score: 1, amountDiff: new Decimal('0'), distanceMs: 600_000 },
    ]);
  });

  it('measures a date-only line by whole days of lag', () => {
    const line = { ...external({ key: 'b', reference: 'INV-1', amount: '5.00', at: '2025-07-13T00:00:00Z' }), timePrecision: 'date' as const, bookingDate: '2025-07-13' };
    expect(ruleCandidates(line, [ledger({ id: 't', reference: 'INV-1', amount: '5.00', at: '2025-07-13T18:00:00Z' })], rules, unscoped)).toEqual([
      { internalId: 't', rule: 'exact_reference', kind: 'exact', score: 1, amountDiff: new Decimal('0'), distanceMs: 0 },
    ]);
  });
});
