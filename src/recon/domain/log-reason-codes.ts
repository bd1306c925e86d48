import type { UnmatchedCode } from './unmatched-explainer.js';

/**
 * The machine-readable reason on every log row (recon_logs.reason_code), beside the sentence. Stable names:
 * clients filter on them. The catalogue with each code's meaning is src/recon/domain/reason-codes.ts.
 */
export const logReasonCodes = {
  matchedExact: 'matched_exact',
  matchedFuzzy: 'matched_fuzzy',
  noCandidate: 'no_candidate',
  belowThreshold: 'below_threshold',
  counterpartTaken: 'counterpart_taken',
  amountOutsideTolerance: 'amount_outside_tolerance',
  currencyUnsupported: 'currency_unsupported',
  outOfPeriod: 'out_of_period',
  malformedRow: 'malformed_row',
} as const;

export type LogReasonCode = (typeof logReasonCodes)[keyof typeof logReasonCodes];

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
