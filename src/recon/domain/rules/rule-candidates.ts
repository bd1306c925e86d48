import type { Decimal } from '../../../common/money/decimal.js';
import { candidatesPerRecordMax } from '../limits.js';
import { compareText } from '../ordering.js';
import type { ReconRecord } from '../recon-record.js';
import { firstMatchingRule } from './evaluate-rule.js';
import type { LedgerCandidate, RuleContext } from './ledger-candidate.js';
import type { MatchRule, MatchRuleKind } from './match-rule.js';

const msPerMinute = 60_000;
const msPerDay = 86_400_000;

/** A pair a source's rules accept, named by the rule that accepted it (the first in the source's order). */
export interface RuleCandidate {
  readonly internalId: string;
  readonly rule: string;
  readonly kind: MatchRuleKind;
  /**
   * What assignment ranks by, highest first: the fuzzy score, or 1 for exact and tolerance rules, which are
   * certain by construction (a same-reference pair within the allowance is not a guess).
   */
  readonly score: number;
  readonly amountDiff: Decimal;
  /** Whole milliseconds apart, or whole days of lag for a date-only record (its minutes mean nothing). */
  readonly distanceMs: number;
}

/**
 * The one place where a pair found by blocking becomes a candidate, or does not: each partner is judged by
 * the source's ordered rules, first match wins. Returns the `candidatesPerRecordMax` best candidates of
 * `external`, best first (score, then nearer in time, then nearer in amount, then transfer id).
 */
export function ruleCandidates(external: ReconRecord, partners: readonly LedgerCandidate[], rules: readonly MatchRule[], context: RuleContext): RuleCandidate[] {
  const passing: RuleCandidate[] = [];
  for (const partner of partners) {
    const verdict = firstMatchingRule(rules, external, partner, context);
    if (!verdict.matched) continue;
    const distanceMs = verdict.timeDiffMinutes !== undefined ? Math.round(verdict.timeDiffMinutes * msPerMinute) : Math.abs(verdict.dayLag ?? 0) * msPerDay;
    passing.push({ internalId: partner.id, rule: verdict.rule, kind: verdict.kind, score: verdict.score ?? 1, amountDiff: verdict.amountDiff, distanceMs });
  }
  return passing.sort(compareRuleCandidates).slice(0, candidatesPerRecordMax);
}

function compareRuleCandidates(a: RuleCandidate, b: RuleCandidate): number {
  return b.score - a.score || a.distanceMs - b.distanceMs || a.amountDiff.comparedTo(b.amountDiff) || compareText(a.internalId, b.internalId);
}
