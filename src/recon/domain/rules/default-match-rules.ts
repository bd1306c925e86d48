import { ValidationFailed } from '../../../common/errors/domain-error.js';
import { fuzzyWeights } from '../fuzzy-scorer.js';
import { toleranceAbsoluteMax } from '../limits.js';
import { validateMatchParameters, type MatchParameters } from '../recon-record.js';
import type { FieldPair, MatchRule } from './match-rule.js';

/**
 * The rules a source gets when it states none, built from the job's MatchParameters:
 * 1. `exact_reference`: same reference (trimmed, as written), amount and currency within the time window:
 *    today's exact matcher.
 * 2. `reference_within_tolerance`: same reference once normalised ("TXN-1003" = "txn 1003"), amount within
 *    `allowedAmountDiff`, same window. This fixes the reported defect: a line with the ledger's reference,
 *    0.04 off under an allowance of 0.05, scores 0.6 + 0.25 * 0.2 + 0.15 * t = 0.65 + 0.15 t, under 0.80 as
 *    soon as the two are a second apart; the fuzzy formula is right to rank it low among guesses, but
 *    a same-reference pair within the allowance is not a guess, so a rule says so before fuzzy runs.
 * 3. `fuzzy`: today's scored matcher (weights 0.6/0.25/0.15, threshold, allowance, window).
 * The seed's sample still reads 2 exact + 1 fuzzy at 0.8675: TXN-1001 and TXN-1002 match rule 1, and
 * bank "TXN-1003" vs ledger "TXN1003X" are different references even normalised ("txn1003" vs "txn1003x"),
 * so rule 2 passes them on to rule 3, which scores them 0.6 * 0.875 + 0.25 * 0.8 + 0.15 * 0.95 = 0.8675.
 * Date-only records (bank statements) are compared by business day with these rules (same day), not by
 * the minute window, which could never hold for a booking date against a transfer's time of day.
 */
export function defaultMatchRules(params: MatchParameters): MatchRule[] {
  const { fuzzyThreshold, allowedAmountDiff, maxTimeDiffMinutes } = validateMatchParameters(params);
  if (allowedAmountDiff.gt(toleranceAbsoluteMax)) throw ValidationFailed.field('allowedAmountDiff', `must be at most ${toleranceAbsoluteMax}`);
  const timeWindowMinutes = maxTimeDiffMinutes;
  return [
    { name: 'exact_reference', kind: 'exact', fields: (['reference', 'amount', 'currency'] as const).map(sameOnBothSides), timeWindowMinutes },
    { name: 'reference_within_tolerance', kind: 'tolerance', amount: { absolute: allowedAmountDiff }, timeWindowMinutes },
    { name: 'fuzzy', kind: 'fuzzy', weights: fuzzyWeights, threshold: fuzzyThreshold, amount: { absolute: allowedAmountDiff }, timeWindowMinutes },
  ];
}

function sameOnBothSides(field: 'reference' | 'amount' | 'currency'): FieldPair {
  return { external: field, internal: field };
}
