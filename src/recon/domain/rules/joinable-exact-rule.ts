import type { ExactRule, MatchRule } from './match-rule.js';

const joinedFields = ['amount', 'currency', 'reference'];

/** An exact rule with a minute window: what the engine's one-join exact pass applies. */
export type JoinableExactRule = ExactRule & { readonly timeWindowMinutes: number };

/**
 * The source's first rule when it is "same reference, amount and currency" (each field against itself) with a
 * minute window, as defaultMatchRules' `exact_reference` is: the engine then applies it to every record at
 * once by one join before blocking, which is what keeps the common case fast. Only the first rule qualifies,
 * so a pair the join matches is one no earlier rule could have claimed (first match wins). Every rule,
 * this one included, is also applied to the pairs blocking finds.
 */
export function joinableExactRule(rules: readonly MatchRule[]): JoinableExactRule | undefined {
  const [first] = rules;
  if (first === undefined || first.kind !== 'exact' || first.timeWindowMinutes === undefined) return undefined;
  const fields = first.fields.map((pair) => (pair.external === pair.internal ? pair.external : '')).sort();
  if (fields.length !== joinedFields.length || fields.some((field, i) => field !== joinedFields[i])) return undefined;
  return first as JoinableExactRule;
}
