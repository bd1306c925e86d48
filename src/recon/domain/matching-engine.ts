import { DomainError } from '../../common/errors/domain-error.js';
import { assignOneToOne } from './assignment.js';
import { keyLengthMax, recordsPerSideMax, referenceLengthMax } from './limits.js';
import type { Candidate, Matcher } from './matcher.js';
import { validateMatchParameters, type MatchParameters, type ReconRecord, type ReconSide } from './recon-record.js';
import { explainUnmatched, explainUnsupportedCurrency, type Unmatched } from './unmatched-explainer.js';

export interface MatchRunResult {
  /** In acceptance order: all of the first matcher's matches, then the next matcher's, and so on. */
  readonly matches: Candidate[];
  /** In input order, each with the reason it stayed unmatched. */
  readonly unmatchedExternal: Unmatched[];
  readonly unmatchedInternal: Unmatched[];
}

/**
 * Runs `matchers` in order, each over the records still unmatched after the previous ones (so a cheap,
 * certain matcher such as exact goes first and fuzzy only sees the leftovers), assigns each matcher's
 * candidates one-to-one, and explains every record left over. Records whose currency is not in
 * `supportedCurrencies` are never offered to a matcher.
 */
export function runMatchers(
  matchers: readonly Matcher[],
  external: readonly ReconRecord[],
  internal: readonly ReconRecord[],
  params: MatchParameters,
  supportedCurrencies: ReadonlySet<string>,
): MatchRunResult {
  validateMatchParameters(params);
  assertRecords(external, 'external');
  assertRecords(internal, 'internal');
  const supported = (record: ReconRecord) => supportedCurrencies.has(record.currency);
  const matchable = { external: external.filter(supported), internal: internal.filter(supported) };
  const matches = matchInTurn(matchers, matchable.external, matchable.internal, params);
  const run: Run = { params, supportedCurrencies, matchers, matches };
  return {
    matches,
    unmatchedExternal: explainSide(external, matchable.internal, 'external', run),
    unmatchedInternal: explainSide(internal, matchable.external, 'internal', run),
  };
}

interface Run {
  readonly params: MatchParameters;
  readonly supportedCurrencies: ReadonlySet<string>;
  readonly matchers: readonly Matcher[];
  readonly matches: readonly Candidate[];
}

/** The unmatched records of `side`, in input order, each with its reason. */
function explainSide(records: readonly ReconRecord[], counterparts: readonly ReconRecord[], side: ReconSide, run: Run): Unmatched[] {
  const otherSide: ReconSide = side === 'external' ? 'internal' : 'external';
  const matched = new Set(run.matches.map((match) => match[side].key));
  const isSupported = (record: ReconRecord) => run.supportedCurrencies.has(record.currency);
  const leftover = records.filter((record) => isSupported(record) && !matched.has(record.key));
  const explained = explainUnmatched(leftover, {
    params: run.params,
    matcherTypes: run.matchers.map((matcher) => matcher.type),
    counterparts,
    matchOfCounterpart: new Map(run.matches.map((match) => [match[otherSide].key, match])),
  });
  const byKey = new Map(explained.map((entry) => [entry.record.key, entry]));
  return records.flatMap((record) => {
    if (!isSupported(record)) return [explainUnsupportedCurrency(record, run.supportedCurrencies)];
    return byKey.get(record.key) ?? [];
  });
}

function matchInTurn(
  matchers: readonly Matcher[],
  external: readonly ReconRecord[],
  internal: readonly ReconRecord[],
  params: MatchParameters,
): Candidate[] {
  const matches: Candidate[] = [];
  let remaining = { external, internal };
  for (const matcher of matchers) {
    const candidates = matcher.findCandidates(remaining.external, remaining.internal, params);
    assertCandidatesWithin(candidates, remaining, matcher);
    const accepted = assignOneToOne(candidates);
    const takenExternal = new Set(accepted.map((match) => match.external.key));
    const takenInternal = new Set(accepted.map((match) => match.internal.key));
    // A loop, not push(...accepted): spreading a few hundred thousand arguments overflows the stack.
    for (const match of accepted) matches.push(match);
    remaining = {
      external: remaining.external.filter((record) => !takenExternal.has(record.key)),
      internal: remaining.internal.filter((record) => !takenInternal.has(record.key)),
    };
  }
  return matches;
}

/** A matcher proposing an already-matched or foreign record is a bug; fail loudly rather than double-match. */
function assertCandidatesWithin(
  candidates: readonly Candidate[],
  remaining: { readonly external: readonly ReconRecord[]; readonly internal: readonly ReconRecord[] },
  matcher: Matcher,
): void {
  const external = new Set(remaining.external);
  const internal = new Set(remaining.internal);
  const stray = candidates.find((candidate) => !external.has(candidate.external) || !internal.has(candidate.internal));
  if (stray !== undefined) {
    throw new Error(
      `${matcher.type} matcher proposed ${stray.external.key}/${stray.internal.key}, which is not among the unmatched records`,
    );
  }
}

function assertRecords(records: readonly ReconRecord[], side: ReconSide): void {
  const invalid = (message: string) => new DomainError('RECON_INPUT_INVALID', 'validation', `${side} records: ${message}`);
  if (records.length > recordsPerSideMax) throw invalid(`${records.length} records exceed the limit of ${recordsPerSideMax}`);
  const keys = new Set<string>();
  for (const record of records) {
    if (record.side !== side) throw invalid(`record ${record.key} is on the ${record.side} side`);
    if (keys.has(record.key)) throw invalid(`key ${record.key} appears more than once`);
    if (record.key.length > keyLengthMax) throw invalid(`key ${record.key.slice(0, 20)}… is longer than ${keyLengthMax}`);
    if (record.reference.length > referenceLengthMax)
      throw invalid(`record ${record.key} has a reference longer than ${referenceLengthMax}`);
    if (!record.amount.isFinite() || record.amount.lt(0)) throw invalid(`record ${record.key} has a negative or non-finite amount`);
    keys.add(record.key);
  }
}
