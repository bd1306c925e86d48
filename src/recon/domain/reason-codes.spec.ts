import { isReasonCode, reasonCatalogue, reasonCodes, reasonMeaning } from './reason-codes.js';

describe('the reason code catalogue', () => {
  it('has a one-line meaning for every code, and codes are snake_case identifiers', () => {
    for (const code of reasonCodes) {
      expect(code).toMatch(/^[a-z]+(_[a-z]+)*$/);
      expect(reasonMeaning(code)).toMatch(/^[a-z].{10,160}$/);
      expect(reasonMeaning(code)).not.toContain('\n');
    }
  });

  it('lists the codes the issue names, among others', () => {
    const named = ['no_candidate', 'below_threshold', 'counterpart_taken', 'amount_outside_tolerance', 'currency_unsupported', 'out_of_period', 'malformed_row', 'ambiguous_group', 'group_search_capped'];
    expect(named.filter((code) => !isReasonCode(code))).toEqual([]);
    expect(reasonCodes).toHaveLength(Object.keys(reasonCatalogue).length);
  });

  it('validates codes read back from storage: unknown text and inherited keys are not codes', () => {
    expect(isReasonCode('matched_fuzzy')).toBe(true);
    expect(isReasonCode('unsupported_currency')).toBe(false);
    expect(isReasonCode('toString')).toBe(false);
    expect(isReasonCode(42)).toBe(false);
  });
});
