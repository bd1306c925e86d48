import type { ReasonCode } from './reason-codes.js';
import type { MatchRuleKind } from './rules/match-rule.js';
import { matchedCodeOf } from './rules/rule-verdict.js';
import type { UnmatchedCode } from './unmatched-explainer.js';

/**
 * The codes the engine writes (recon_logs.reason_code), by the name the code uses for them. Every value is
 * a code of the one catalogue, src/recon/domain/reason-codes.ts, where each code's meaning lives: the type
 * refuses any other string, so the engine cannot write a code the catalogue does not document.
 */
export const logReasonCodes = {
  noCandidate: 'no_candidate',
  belowThreshold: 'below_threshold',
  counterpartTaken: 'counterpart_taken',
  amountOutsideTolerance: 'amount_outside_tolerance',
  directionMismatch: 'direction_mismatch',
  currencyUnsupported: 'currency_unsupported',
  outOfPeriod: 'out_of_period',
  malformedRow: 'malformed_row',
  matchedGroup: 'matched_group',
  ambiguousGroup: 'ambiguous_group',
  groupSearchCapped: 'group_search_capped',
} as const satisfies Record<string, ReasonCode>;

/** A code the engine writes: a reason above, or the code of a match (matched_exact, matched_fuzzy, ...). */
export type LogReasonCode = (typeof logReasonCodes)[keyof typeof logReasonCodes] | (typeof matchedCodeOf)[keyof typeof matchedCodeOf];

/** The code of a match made by a rule of kind `type`: the rules' own map of a rule kind to its code. */
export function matchedLogCode(type: MatchRuleKind): LogReasonCode {
  return matchedCodeOf[type];
}

/**
 * The explainer's finer view, as a log code. A pair that passed the threshold but was not chosen lost its
 * counterpart to a better pair; "nothing within tolerance" becomes amount_outside_tolerance when a record
 * with the same reference exists but its amount is too far off.
 */
export function logCodeOfUnmatched(code: UnmatchedCode, sameReferenceOutsideTolerance: boolean): LogReasonCode {
  switch (code) {
    case 'unsupported_currency':
      return logReasonCodes.currencyUnsupported;
    case 'below_threshold':
      return logReasonCodes.belowThreshold;
    case 'counterpart_matched':
    case 'not_selected':
      return logReasonCodes.counterpartTaken;
    case 'no_candidate':
      return sameReferenceOutsideTolerance ? logReasonCodes.amountOutsideTolerance : logReasonCodes.noCandidate;
  }
}
