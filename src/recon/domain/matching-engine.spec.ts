import { DomainError, ValidationFailed } from '../../common/errors/domain-error.js';
import { Decimal } from '../../common/money/decimal.js';
import { ExactMatcher } from './exact-matcher.js';
import { FuzzyMatcher } from './fuzzy-matcher.js';
import type { Candidate, Matcher } from './matcher.js';
import { runMatchers } from './matching-engine.js';
import type { ReconRecord } from './recon-record.js';
import { external, internal, minutesAfterBase, params, syntheticDay } from './testing/recon-record-builder.js';
import type { Unmatched } from './unmatched-explainer.js';

const bothMatchers: readonly Matcher[] = [new ExactMatcher(), new FuzzyMatcher()];
const supported = new Set(['USD', 'EUR']);
const run = (bank: ReconRecord[], ledger: ReconRecord[], matchers = bothMatchers) =>
  runMatchers(matchers, bank, ledger, params(), supported);
const pairs = (matches: Candidate[]) => matches.map((match) => `${match.external.key}=${match.internal.key}:${match.type}`);
const reasons = (unmatched: Unmatched[]) => unmatched.map((entry) => `${entry.record.key} [${entry.code}] ${entry.reason}`);

describe('runMatchers', () => {
  it('runs exact first, then fuzzy over the leftovers', () => {
    const bank = [
      external({ key: 'e1', reference: 'TXN-1', amount: '10.00' }),
      external({ key: 'e2', reference: 'TXN-2', amount: '20.00' }),
    ];
    const ledger = [
      // Would be e1's best fuzzy partner too, but exact takes e1 first and fuzzy never sees it again.
      internal({ key: 'i1', reference: 'TXN-1', amount: '10.00', at: minutesAfterBase(50) }),
      internal({ key: 'i2', reference: 'TXN2', amount: '20.01', at: minutesAfterBase(1) }),
    ];
    const result = run(bank, ledger);
    expect(pairs(result.matches)).toEqual(['e1=i1:exact', 'e2=i2:fuzzy']);
    expect(result.unmatchedExternal).toEqual([]);
    expect(result.unmatchedInternal).toEqual([]);
  });

  it('matches each record at most once when two external records compete for one transfer', () => {
    const bank = [external({ key: 'e1', reference: 'TXN-5', at: minutesAfterBase(20) }), external({ key: 'e2', reference: 'TXN-5' })];
    const ledger = [internal({ key: 'i1', reference: 'TXN-5' })];
    const result = run(bank, ledger);
    expect(pairs(result.matches)).toEqual(['e2=i1:exact']);
    expect(reasons(result.unmatchedExternal)).toEqual([
      "e1 [counterpart_matched] no ledger transfer with reference 'TXN-5' and amount 100.00 USD within 60 min; " +
        "closest: transfer i1 'TXN-5' score 0.95 (amount diff 0.00, 20 min apart) is already matched to external record e2",
    ]);
  });

  it('explains a near miss below the threshold with the fuzzy scorer', () => {
    const bank = [external({ key: 'e9', reference: 'TXN-9', amount: '100.00' })];
    const ledger = [internal({ key: 'T-9', reference: 'TXN-09', amount: '100.03', at: minutesAfterBase(12) })];
    const result = run(bank, ledger);
    expect(result.matches).toEqual([]);
    expect(reasons(result.unmatchedExternal)).toEqual([
      "e9 [below_threshold] no ledger transfer with reference 'TXN-9' and amount 100.00 USD within 60 min; " +
        "closest: transfer T-9 'TXN-09' score 0.70 < threshold 0.80 (amount diff 0.03, 12 min apart)",
    ]);
    expect(result.unmatchedExternal[0].closest?.score).toBe(0.7);
    expect(reasons(result.unmatchedInternal)).toEqual([
      "T-9 [below_threshold] no external record with reference 'TXN-09' and amount 100.03 USD within 60 min; " +
        "closest: external record e9 'TXN-9' score 0.70 < threshold 0.80 (amount diff 0.03, 12 min apart)",
    ]);
  });

  it('says when nothing is within the tolerances, and names a same-reference record outside them', () => {
    const bank = [
      external({ key: 'e1', reference: 'TXN-7', amount: '105.00', line: 4 }),
      external({ key: 'e2', reference: 'NOPE', amount: '5.00' }),
    ];
    const ledger = [internal({ key: 'i7', reference: 'TXN-7', amount: '100.00', at: minutesAfterBase(-190) })];
    const result = run(bank, ledger);
    expect(reasons(result.unmatchedExternal)).toEqual([
      'e1 [no_candidate] no ledger transfer in USD with amount within 0.05 of 105.00 and time within 60 minutes of 2025-07-13T12:00:00Z' +
        '; same reference on transfer i7: amount 100.00 USD, 190 min apart',
      'e2 [no_candidate] no ledger transfer in USD with amount within 0.05 of 5.00 and time within 60 minutes of 2025-07-13T12:00:00Z',
    ]);
    expect(reasons(result.unmatchedInternal)).toEqual([
      'i7 [no_candidate] no external record in USD with amount within 0.05 of 100.00 and time within 60 minutes of 2025-07-13T08:50:00Z' +
        '; same reference on external record e1 (line 4): amount 105.00 USD, 190 min apart',
    ]);
  });

  it('never matches across currencies, and says which currency the same reference has', () => {
    const result = run(
      [external({ key: 'e1', reference: 'TXN-3', currency: 'USD' })],
      [internal({ key: 'i1', reference: 'TXN-3', currency: 'EUR' })],
    );
    expect(result.matches).toEqual([]);
    expect(result.unmatchedExternal[0].code).toBe('no_candidate');
    expect(result.unmatchedExternal[0].reason).toContain('same reference on transfer i1: amount 100.00 EUR, 0 min apart');
  });

  it('sets unsupported currencies aside with a reason naming the currency', () => {
    const result = run(
      [external({ key: 'e1', reference: 'TXN-4', currency: 'JPY', amount: '1000' })],
      [internal({ key: 'i1', reference: 'TXN-4', currency: 'JPY', amount: '1000' })],
    );
    expect(result.matches).toEqual([]);
    expect(reasons(result.unmatchedExternal)).toEqual([
      "e1 [unsupported_currency] currency 'JPY' is not supported by this reconciliation (supported: EUR, USD); the record was not matched",
    ]);
    expect(result.unmatchedInternal[0].code).toBe('unsupported_currency');
  });

  it('points out a passing fuzzy pair when fuzzy matching is not enabled', () => {
    const result = run(
      [external({ key: 'e1', reference: 'TXN-1003', amount: '420.00', at: '2025-07-13T14:03:00Z' })],
      [internal({ key: 'i1', reference: 'TXN1003X', amount: '420.01', at: '2025-07-13T14:00:00Z' })],
      [new ExactMatcher()],
    );
    expect(reasons(result.unmatchedExternal)).toEqual([
      "e1 [not_selected] no ledger transfer with reference 'TXN-1003' and amount 420.00 USD within 60 min; " +
        "closest: transfer i1 'TXN1003X' score 0.8675 >= threshold 0.80 (amount diff 0.01, 3 min apart) but fuzzy matching is not enabled (matchers: exact)",
    ]);
  });

  it('explains records without a reference', () => {
    const result = run([external({ key: 'e1', reference: '' })], [internal({ key: 'i1', reference: 'TXN-1' })]);
    expect(result.unmatchedExternal[0].reason).toBe(
      "the record has no reference, so it cannot match exactly and scores at most 0.40 fuzzily; closest: transfer i1 'TXN-1' score 0.40 < threshold 0.80 (amount diff 0.00, 0 min apart)",
    );
  });

  it('keeps unmatched records in input order and gives the same result for shuffled input', () => {
    const bank = [3, 1, 2].map((n) => external({ key: `e${n}`, reference: `R-${n}`, amount: `${n}0.00` }));
    const ledger = [2, 3, 1].map((n) => internal({ key: `i${n}`, reference: `R-${n}`, amount: `${n}0.00`, at: minutesAfterBase(n) }));
    const extra = [external({ key: 'x2', reference: 'R-2' }), external({ key: 'x1', reference: 'R-1' })];
    const forward = run([...bank, ...extra], ledger);
    const shuffled = run([...extra, ...bank].reverse(), [...ledger].reverse());
    expect(pairs(shuffled.matches).sort()).toEqual(pairs(forward.matches).sort());
    expect(forward.unmatchedExternal.map((entry) => entry.record.key)).toEqual(['x2', 'x1']);
  });

  it('rejects duplicate keys, records on the wrong side and invalid parameters', () => {
    const duplicate = () => runMatchers(bothMatchers, [external({ key: 'e1' }), external({ key: 'e1' })], [], params(), supported);
    expect(duplicate).toThrow(DomainError);
    expect(duplicate).toThrow('external records: key e1 appears more than once');
    expect(() => runMatchers(bothMatchers, [internal({ key: 'i1' })], [], params(), supported)).toThrow(
      'record i1 is on the internal side',
    );
    expect(() => runMatchers(bothMatchers, [], [], params({ fuzzyThreshold: 1.5 }), supported)).toThrow(ValidationFailed);
    expect(() => runMatchers(bothMatchers, [], [], params({ allowedAmountDiff: new Decimal(-1) }), supported)).toThrow(ValidationFailed);
    expect(() => runMatchers(bothMatchers, [], [], params({ maxTimeDiffMinutes: 1.5 }), supported)).toThrow(ValidationFailed);
  });

  it('refuses a matcher that proposes a record it was not given', () => {
    const already = internal({ key: 'i-other' });
    const rogue: Matcher = {
      type: 'fuzzy',
      findCandidates: (bank) =>
        bank.map((record) => ({
          external: record,
          internal: already,
          type: 'fuzzy',
          score: 1,
          amountDiff: new Decimal(0),
          timeDiffMinutes: 0,
        })),
    };
    expect(() => runMatchers([rogue], [external({ key: 'e1' })], [internal({ key: 'i1' })], params(), supported)).toThrow(
      'not among the unmatched',
    );
  });

  it('matches and explains 20k records per side in seconds', () => {
    const { bank, ledger } = syntheticDay(20_000);
    // Every tenth transfer is missing from the ledger, so 2,000 bank rows need an explanation.
    const partialLedger = ledger.filter((_, n) => n % 10 !== 0);
    const started = performance.now();
    const result = runMatchers(bothMatchers, bank, partialLedger, params(), supported);
    expect(performance.now() - started).toBeLessThan(20_000);
    expect(result.matches.length + result.unmatchedExternal.length).toBe(bank.length);
    expect(result.unmatchedExternal.length).toBeGreaterThanOrEqual(2_000);
    expect(result.unmatchedExternal.every((entry) => entry.reason.length > 0)).toBe(true);
  }, 40_000);
});
