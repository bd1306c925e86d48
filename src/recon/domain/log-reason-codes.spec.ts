import { logCodeOfUnmatched, logReasonCodes, matchedLogCode } from './log-reason-codes.js';
import type { MatchType } from './matcher.js';
import { isReasonCode } from './reason-codes.js';
import type { UnmatchedCode } from './unmatched-explainer.js';

// Records, so that a new explainer code or match type fails to compile here until it is listed.
const unmatchedCodes: Record<UnmatchedCode, true> = { unsupported_currency: true, no_candidate: true, below_threshold: true, counterpart_matched: true, not_selected: true };
const matchTypes: Record<MatchType, true> = { exact: true, fuzzy: true };

describe('the codes the engine writes on log rows', () => {
  it('are all codes of the catalogue', () => {
    const written = [
      ...Object.values(logReasonCodes),
      ...(Object.keys(matchTypes) as MatchType[]).map(matchedLogCode),
      ...(Object.keys(unmatchedCodes) as UnmatchedCode[]).flatMap((code) => [logCodeOfUnmatched(code, false), logCodeOfUnmatched(code, true)]),
    ];
    expect(written.filter((code) => !isReasonCode(code))).toEqual([]);
  });

  it('name each code once', () => {
    const values = Object.values(logReasonCodes);
    expect(new Set(values).size).toBe(values.length);
  });

  it('word the explainer\'s view as log codes', () => {
    expect(logCodeOfUnmatched('unsupported_currency', false)).toBe('currency_unsupported');
    expect(logCodeOfUnmatched('not_selected', false)).toBe('counterpart_taken');
    expect(logCodeOfUnmatched('no_candidate', false)).toBe('no_candidate');
    expect(logCodeOfUnmatched('no_candidate', true)).toBe('amount_outside_tolerance');
    expect(matchedLogCode('fuzzy')).toBe('matched_fuzzy');
  });
});
