import type { Decimal } from '../../../common/money/decimal.js';
import { normalisedReferenceOf, weightedScore } from '../fuzzy-scorer.js';
import { formatAmount, formatScore } from '../reason-format.js';
import type { ReconRecord } from '../recon-record.js';
import { normalisedSimilarity } from '../reference-similarity.js';
import { amountDifference, describeTolerance, toleratedDiff } from './amount-tolerance.js';
import { describeLedger } from './describe-ledger.js';
import type { LedgerCandidate, RuleContext } from './ledger-candidate.js';
import type { ExactRule, FieldPair, FuzzyRule, MatchRule } from './match-rule.js';
import { externalValue, internalValue } from './record-fields.js';
import { checkTiming } from './rule-timing.js';
import { matchedCodeOf, ruleStage, type RuleMatch, type RuleMiss, type RuleMissCode, type RuleStage, type RuleVerdict } from './rule-verdict.js';

/**
 * Whether `rule` accepts the pair, and if not, why. Every rule checks, in this order: same currency
 * (matching never converts), its identity (exact: the field pairs; tolerance: the reference; fuzzy: none,
 * the reference only weighs in its score), amount, timing, direction (account-scoped jobs only), and for
 * fuzzy rules the score. Pure: the same pair and rule always give the same verdict.
 */
export function evaluateRule(rule: MatchRule, external: ReconRecord, internal: LedgerCandidate, context: RuleContext): RuleVerdict {
  const miss = (stage: RuleStage, reasonCode: RuleMissCode, detail: string): RuleMiss => ({
    matched: false,
    rule: rule.name,
    kind: rule.kind,
    reasonCode,
    detail: `rule '${rule.name}': ${detail}`,
    stage,
  });
  if (external.currency !== internal.currency) {
    return miss(ruleStage.currency, 'currency_mismatch', `${external.currency} against ${internal.currency} on ${describeLedger(internal)}`);
  }
  const identity = rule.kind === 'exact' ? exactFieldsMiss(rule, external, internal) : rule.kind === 'tolerance' ? referenceMiss(external, internal) : undefined;
  if (identity !== undefined) return miss(ruleStage.identity, identity.reasonCode, identity.detail);

  const amountDiff = amountDifference(external.amount, internal.amount);
  const tolerance = rule.kind === 'exact' ? undefined : rule.amount;
  const allowed = tolerance && toleratedDiff(tolerance, internal.amount);
  if (tolerance && allowed && amountDiff.gt(allowed)) {
    return miss(
      ruleStage.amount,
      'amount_outside_tolerance',
      `amount ${formatAmount(external.amount)} is ${formatAmount(amountDiff)} from ${formatAmount(internal.amount)} on ${describeLedger(internal)}, ` +
        `beyond the tolerance ${describeTolerance(tolerance)} (${formatAmount(allowed)} here)`,
    );
  }
  const timing = checkTiming(rule, external, internal, context.businessTimeZone);
  if (!timing.ok) return miss(ruleStage.timing, timing.reasonCode, timing.detail);

  if (context.accountScoped && external.direction !== undefined && internal.direction !== undefined && external.direction !== internal.direction) {
    return miss(
      ruleStage.direction,
      'direction_mismatch',
      `the line is a ${external.direction} but ${describeLedger(internal)} is a ${internal.direction} of the account`,
    );
  }
  const measured = { amountDiff, timeDiffMinutes: timing.timeDiffMinutes, dayLag: timing.dayLag };
  if (rule.kind !== 'fuzzy') return matched(rule, measured);

  const score = fuzzyScore(rule, external, internal, amountDiff, allowed!, timing.closeness);
  if (score < rule.threshold) {
    return miss(
      ruleStage.score,
      'below_threshold',
      `score ${formatScore(score)} against ${describeLedger(internal)} is under the threshold ${formatScore(rule.threshold)}`,
    );
  }
  return matched(rule, { ...measured, score });
}

/**
 * Ordered rules, first match wins. Without a match, the miss that got furthest through the checks (see
 * ruleStage), the earlier rule on a tie: "same reference, 3.00 off" rather than "different end-to-end id".
 */
export function firstMatchingRule(rules: readonly MatchRule[], external: ReconRecord, internal: LedgerCandidate, context: RuleContext): RuleVerdict {
  if (rules.length === 0) throw new Error('firstMatchingRule needs at least one rule');
  let best: RuleMiss | undefined;
  for (const rule of rules) {
    const verdict = evaluateRule(rule, external, internal, context);
    if (verdict.matched) return verdict;
    if (best === undefined || verdict.stage > best.stage) best = verdict;
  }
  return best!;
}

interface Measured {
  readonly amountDiff: Decimal;
  readonly timeDiffMinutes?: number;
  readonly dayLag?: number;
  readonly score?: number;
}

/** Only measured fields are present, so a verdict compares equal to a literal in tests and logs cleanly. */
function matched(rule: MatchRule, measured: Measured): RuleMatch {
  const present = Object.fromEntries(Object.entries(measured).filter(([, value]) => value !== undefined));
  return { matched: true, rule: rule.name, kind: rule.kind, reasonCode: matchedCodeOf[rule.kind], ...present } as RuleMatch;
}

interface IdentityMiss {
  readonly reasonCode: 'field_missing' | 'field_mismatch';
  readonly detail: string;
}

function exactFieldsMiss(rule: ExactRule, external: ReconRecord, internal: LedgerCandidate): IdentityMiss | undefined {
  for (const pair of rule.fields) {
    const miss = fieldPairMiss(pair, external, internal);
    if (miss !== undefined) return miss;
  }
  return undefined;
}

function fieldPairMiss(pair: FieldPair, external: ReconRecord, internal: LedgerCandidate): IdentityMiss | undefined {
  const ours = externalValue(external, pair.external);
  const theirs = internalValue(internal, pair.internal);
  if (ours.kind === 'amount' && theirs.kind === 'amount') {
    if (ours.value.eq(theirs.value)) return undefined;
    return { reasonCode: 'field_mismatch', detail: `amount ${formatAmount(ours.value)} differs from ${formatAmount(theirs.value)} on ${describeLedger(internal)}` };
  }
  const [a, b] = [String(ours.value), String(theirs.value)];
  if (a === '' || b === '') {
    const side = a === '' ? `the external record has no ${pair.external}` : `${describeLedger(internal)} has no ${pair.internal}`;
    return { reasonCode: 'field_missing', detail: side };
  }
  if (a === b) return undefined;
  return { reasonCode: 'field_mismatch', detail: `${pair.external} '${a}' differs from ${pair.internal} '${b}' on ${describeLedger(internal)}` };
}

/** Normalised like the fuzzy scorer's references ("TXN-1003" is "txn 1003"): what a bank mangles is not a new payment. */
function referenceMiss(external: ReconRecord, internal: LedgerCandidate): IdentityMiss | undefined {
  const [a, b] = [normalisedReferenceOf(external), normalisedReferenceOf(internal)];
  if (a === '' || b === '') {
    const side = a === '' ? 'the external record has no reference' : `${describeLedger(internal)} has no reference`;
    return { reasonCode: 'field_missing', detail: side };
  }
  if (a === b) return undefined;
  return { reasonCode: 'field_mismatch', detail: `reference '${external.reference.trim()}' differs from ${describeLedger(internal)}` };
}

/** Amount closeness is 1 - diff / tolerated (1 when nothing is tolerated: the amounts are then equal). */
function fuzzyScore(rule: FuzzyRule, external: ReconRecord, internal: LedgerCandidate, diff: Decimal, allowed: Decimal, timeCloseness: number): number {
  const referenceSimilarity = normalisedSimilarity(normalisedReferenceOf(external), normalisedReferenceOf(internal));
  const amountCloseness = allowed.isZero() ? 1 : 1 - diff.div(allowed).toNumber();
  return weightedScore(rule.weights, referenceSimilarity, amountCloseness, timeCloseness);
}
