import { Decimal } from '../../common/money/decimal.js';
import { assignOneToOne } from './assignment.js';
import { FuzzyMatcher } from './fuzzy-matcher.js';
import { scorePair, type PairScorer } from './fuzzy-scorer.js';
import { candidatesPerRecordMax, comparisonsPerRecordMax } from './limits.js';
import type { Candidate } from './matcher.js';
import { external, internal, minutesAfterBase, params, syntheticDay } from './testing/recon-record-builder.js';

const pairs = (candidates: Candidate[]) => candidates.map((candidate) => `${candidate.external.key}=${candidate.internal.key}`);

/** A scorer that counts how many pairs the matcher actually looked at. */
function countingScorer(): { scorer: PairScorer; calls: () => number } {
  let calls = 0;
  const scorer: PairScorer = (a, b, p) => {
    calls += 1;
    return scorePair(a, b, p);
  };
  return { scorer, calls: () => calls };
}

describe('FuzzyMatcher', () => {
  const matcher = new FuzzyMatcher();

  it('proposes the documented sample with score 0.8675', () => {
    const bank = external({ key: 'BNK-0003', reference: 'TXN-1003', amount: '420.00', at: '2025-07-13T14:03:00Z' });
    const ledger = internal({ key: 'T-1003', reference: 'TXN1003X', amount: '420.01', at: '2025-07-13T14:00:00Z' });
    expect(matcher.findCandidates([bank], [ledger], params())).toEqual([
      { external: bank, internal: ledger, type: 'fuzzy', score: 0.8675, amountDiff: new Decimal('0.01'), timeDiffMinutes: 3 },
    ]);
  });

  it('keeps a pair scoring exactly the threshold and drops one just below', () => {
    const ledger = [internal({ key: 'i1', reference: 'R-1', amount: '100.00' })];
    // Same reference, same time: score = 0.75 + 0.25 * (1 - diff / 0.05).
    const exactly = matcher.findCandidates([external({ key: 'e1', reference: 'R-1', amount: '100.04' })], ledger, params());
    expect(exactly.map((candidate) => candidate.score)).toEqual([0.8]);
    const below = matcher.findCandidates([external({ key: 'e1', reference: 'R-1', amount: '100.041' })], ledger, params());
    expect(below).toEqual([]);
  });

  it('accepts an amount difference of exactly allowedAmountDiff but never one above, even at threshold 0', () => {
    const ledger = [internal({ key: 'i1', reference: 'R-1', amount: '100.00' })];
    const lenient = params({ fuzzyThreshold: 0 });
    expect(matcher.findCandidates([external({ key: 'e1', reference: 'R-1', amount: '100.05' })], ledger, lenient)).toHaveLength(1);
    expect(matcher.findCandidates([external({ key: 'e1', reference: 'R-1', amount: '100.06' })], ledger, lenient)).toHaveLength(0);
    expect(matcher.findCandidates([external({ key: 'e1', reference: 'R-1', amount: '99.94' })], ledger, lenient)).toHaveLength(0);
  });

  it('never pairs different currencies, even at threshold 0', () => {
    const candidates = matcher.findCandidates(
      [external({ key: 'e1', reference: 'R-1', currency: 'USD' })],
      [internal({ key: 'i1', reference: 'R-1', currency: 'EUR' })],
      params({ fuzzyThreshold: 0 }),
    );
    expect(candidates).toEqual([]);
  });

  it('prefers the better reference over a decoy with the same amount that is closer in time', () => {
    const bank = [external({ key: 'e1', reference: 'INV-2024-0042', amount: '250.00', at: minutesAfterBase(0) })];
    const ledger = [
      internal({ key: 'decoy', reference: 'PAY-9981', amount: '250.00', at: minutesAfterBase(0) }),
      internal({ key: 'real', reference: 'INV2024-0042', amount: '250.00', at: minutesAfterBase(25) }),
    ];
    const candidates = matcher.findCandidates(bank, ledger, params({ fuzzyThreshold: 0 }));
    expect(pairs(candidates)).toEqual(['e1=real', 'e1=decoy']);
    expect(pairs(assignOneToOne(candidates))).toEqual(['e1=real']);
  });

  it('keeps the best candidatesPerRecordMax per external record, independent of input order', () => {
    const ledger = Array.from({ length: 30 }, (_, n) =>
      internal({ key: `i${String(n).padStart(2, '0')}`, reference: 'R-1', amount: '100.00', at: minutesAfterBase(n % 7) }),
    );
    const bank = [external({ key: 'e1', reference: 'R-1', amount: '100.00' })];
    const forward = pairs(matcher.findCandidates(bank, ledger, params()));
    expect(forward).toHaveLength(candidatesPerRecordMax);
    expect(forward.slice(0, 5)).toEqual(['e1=i00', 'e1=i07', 'e1=i14', 'e1=i21', 'e1=i28']);
    expect(pairs(matcher.findCandidates(bank, [...ledger].reverse(), params()))).toEqual(forward);
  });

  it('scores only records in neighbouring amount buckets and the time window', () => {
    const { scorer, calls } = countingScorer();
    const ledger = [
      internal({ key: 'near', reference: 'R-1', amount: '100.03', at: minutesAfterBase(10) }),
      internal({ key: 'bucket-away', reference: 'R-1', amount: '100.20' }),
      internal({ key: 'hour-away', reference: 'R-1', amount: '100.00', at: minutesAfterBase(90) }),
      internal({ key: 'other-currency', reference: 'R-1', amount: '100.00', currency: 'EUR' }),
    ];
    new FuzzyMatcher(scorer).findCandidates([external({ key: 'e1', reference: 'R-1', amount: '100.00' })], ledger, params());
    expect(calls()).toBe(1);
  });

  it('bounds the work per record when many records share an amount and a time', () => {
    const { scorer, calls } = countingScorer();
    const ledger = Array.from({ length: comparisonsPerRecordMax + 500 }, (_, n) => internal({ key: `i${n}`, reference: `PAYROLL-${n}` }));
    new FuzzyMatcher(scorer).findCandidates([external({ key: 'e1', reference: 'PAYROLL-7' })], ledger, params());
    expect(calls()).toBe(comparisonsPerRecordMax);
  });

  it('matches 20k against 20k records near-linearly, never comparing all pairs', () => {
    const { bank, ledger } = syntheticDay(20_000);
    const { scorer, calls } = countingScorer();
    const started = performance.now();
    const matches = assignOneToOne(new FuzzyMatcher(scorer).findCandidates(bank, ledger, params()));
    const elapsedMs = performance.now() - started;
    expect(matches.length).toBeGreaterThan(19_900);
    // All pairs would be 400 million; blocking leaves a handful per record.
    expect(calls()).toBeLessThan(bank.length * 5);
    expect(elapsedMs).toBeLessThan(15_000);
  }, 30_000);
});
