import type { Decimal } from '../../../common/money/decimal.js';
import type { ReasonCode } from '../reason-codes.js';
import type { MatchRuleKind } from './match-rule.js';

/** The reason code of a match, by the kind of rule that made it. */
export const matchedCodeOf = {
  exact: 'matched_exact',
  tolerance: 'matched_tolerance',
  fuzzy: 'matched_fuzzy',
} as const satisfies Record<MatchRuleKind, ReasonCode>;

export interface RuleMatch {
  readonly matched: true;
  readonly rule: string;
  readonly kind: MatchRuleKind;
  readonly reasonCode: (typeof matchedCodeOf)[MatchRuleKind];
  /** Fuzzy rules only: exact and tolerance rules are certain by construction and rank by the diffs below. */
  readonly score?: number;
  /** |external - ledger|. */
  readonly amountDiff: Decimal;
  /** When the external record has a real time: minutes between the two instants (may be fractional). */
  readonly timeDiffMinutes?: number;
  /** When compared by calendar day: booking day minus the ledger's business day (0 = same day). */
  readonly dayLag?: number;
}

/** The reasons a single rule can give for not matching a pair, in the order rules check them. */
export type RuleMissCode =
  | 'currency_mismatch'
  | 'field_missing'
  | 'field_mismatch'
  | 'amount_outside_tolerance'
  | 'time_outside_window'
  | 'date_outside_lag'
  | 'direction_mismatch'
  | 'below_threshold';

/**
 * The checks every rule makes, in this order; a miss records the stage it failed at. A pair that got
 * further (same reference but 3.00 off) tells a reviewer more than one that failed early (another
 * reference), so firstMatchingRule reports the miss with the highest stage.
 */
export const ruleStage = { currency: 0, identity: 1, amount: 2, timing: 3, direction: 4, score: 5 } as const;
export type RuleStage = (typeof ruleStage)[keyof typeof ruleStage];

export interface RuleMiss {
  readonly matched: false;
  readonly rule: string;
  readonly kind: MatchRuleKind;
  readonly reasonCode: RuleMissCode;
  /** One sentence naming the ledger transfer by its reference (and id), e.g. for the log row. */
  readonly detail: string;
  readonly stage: RuleStage;
}

export type RuleVerdict = RuleMatch | RuleMiss;
