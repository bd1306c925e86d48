import type { Decimal } from '../../../common/money/decimal.js';
import type { FuzzyWeights } from '../fuzzy-scorer.js';

/** What a rule may read on the external record (bank line, provider row). */
export const externalFields = ['id', 'reference', 'end_to_end_id', 'amount', 'currency', 'counterparty'] as const;
export type ExternalField = (typeof externalFields)[number];

/** What a rule may read on the ledger transfer: its own columns, or any key of its metadata. */
export const internalColumns = ['id', 'reference', 'amount', 'currency'] as const;
export type InternalField = (typeof internalColumns)[number] | `metadata.${string}`;

/** Two fields an exact rule requires to be equal. */
export interface FieldPair {
  readonly external: ExternalField;
  readonly internal: InternalField;
}

/**
 * When a pair must have happened, seen from the ledger:
 * - `timeWindowMinutes`: records with a real time must be at most this far apart, either way (inclusive);
 * - `maxDateLagDays`: the bank's booking day may be 0..N days AFTER the ledger transfer's business day,
 *   never before (a bank books a payment when it settles, which is never before we instructed or recorded
 *   it; a line booked before its ledger transfer is a different payment or a ledger posted late, and a
 *   reviewer should see it).
 * A date-only record (timePrecision 'date') is always compared by calendar day, never by minutes: with
 * `maxDateLagDays` unset that means the same business day. A timed record is compared by minutes when
 * `timeWindowMinutes` is set, else by day lag when `maxDateLagDays` is set. A rule with neither (only
 * allowed for exact rules) does not constrain time: the job's period bounds it.
 */
export interface RuleTiming {
  readonly timeWindowMinutes?: number;
  readonly maxDateLagDays?: number;
}

/**
 * How far two amounts may differ. When both bounds are given, a difference within EITHER one is accepted
 * (the tolerance is the greater of the two), the way finance teams state it: "0.50 or 1%, whichever is
 * greater" covers fees on small payments with the absolute bound and FX rounding on large ones with the
 * percentage, where "both" would make the percentage useless on small amounts. The percentage is of the
 * ledger amount (the book of record), in absolute value.
 */
export interface AmountTolerance {
  readonly absolute?: Decimal;
  readonly percent?: Decimal;
}

interface NamedRule {
  /** Lowercase identifier, unique within a source; each match names the rule that made it. */
  readonly name: string;
}

/** Every listed field pair must be equal (non-empty text, or equal decimal amounts); same currency always. */
export interface ExactRule extends NamedRule, RuleTiming {
  readonly kind: 'exact';
  readonly fields: readonly FieldPair[];
}

/** Same reference (normalised, as the fuzzy scorer compares references), amount within tolerance, timed. */
export interface ToleranceRule extends NamedRule, RuleTiming {
  readonly kind: 'tolerance';
  readonly amount: AmountTolerance;
}

/**
 * The scored matcher: amount within `amount` and time within the timing are hard limits (closeness 0 at
 * the limit, inclusive); the weighted closeness must reach `threshold`.
 */
export interface FuzzyRule extends NamedRule, RuleTiming {
  readonly kind: 'fuzzy';
  readonly weights: FuzzyWeights;
  readonly threshold: number;
  readonly amount: AmountTolerance;
}

export type MatchRule = ExactRule | ToleranceRule | FuzzyRule;
export type MatchRuleKind = MatchRule['kind'];
