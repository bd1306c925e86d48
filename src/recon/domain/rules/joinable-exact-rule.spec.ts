import { DEFAULT_MATCH_PARAMETERS } from '../recon-record.js';
import { defaultMatchRules } from './default-match-rules.js';
import { joinableExactRule } from './joinable-exact-rule.js';
import type { MatchRule } from './match-rule.js';

describe('joinableExactRule', () => {
  const defaults = defaultMatchRules(DEFAULT_MATCH_PARAMETERS);

  it('is the default exact_reference rule, first in the list', () => {
    expect(joinableExactRule(defaults)).toBe(defaults[0]);
  });

  it('is none when the usual exact rule is not first, lacks a minute window, or compares other fields', () => {
    const endToEnd: MatchRule = { name: 'e2e', kind: 'exact', fields: [{ external: 'end_to_end_id', internal: 'metadata.end_to_end_id' }], timeWindowMinutes: 60 };
    const { timeWindowMinutes: _, ...untimed } = defaults[0];
    const crossed: MatchRule = { ...defaults[0], kind: 'exact', fields: [{ external: 'reference', internal: 'metadata.reference' }, { external: 'amount', internal: 'amount' }, { external: 'currency', internal: 'currency' }] } as MatchRule;
    expect(joinableExactRule([endToEnd, ...defaults])).toBeUndefined();
    expect(joinableExactRule([untimed as MatchRule])).toBeUndefined();
    expect(joinableExactRule([crossed])).toBeUndefined();
    expect(joinableExactRule([defaults[1], defaults[0]])).toBeUndefined();
  });
});
