import { ExactMatcher } from './exact-matcher.js';
import type { Candidate } from './matcher.js';
import { external, internal, minutesAfterBase, params } from './testing/recon-record-builder.js';

const pairs = (candidates: Candidate[]) => candidates.map((candidate) => `${candidate.external.key}=${candidate.internal.key}`);
const matcher = new ExactMatcher();

describe('ExactMatcher', () => {
  it('matches same reference, currency and amount within the time window, with score 1', () => {
    const [candidate] = matcher.findCandidates(
      [external({ key: 'e1', reference: 'TXN-1001', amount: '1250.00', at: minutesAfterBase(0.5) })],
      [internal({ key: 'i1', reference: 'TXN-1001', amount: '1250', at: minutesAfterBase(0) })],
      params(),
    );
    expect(candidate).toMatchObject({ type: 'exact', score: 1, timeDiffMinutes: 0.5 });
    expect(candidate.amountDiff.isZero()).toBe(true);
  });

  it('matches at exactly maxTimeDiffMinutes and not one minute (or one second) later', () => {
    const ledger = [internal({ key: 'i1', reference: 'R' })];
    const at = (minutes: number) =>
      matcher.findCandidates([external({ key: 'e1', reference: 'R', at: minutesAfterBase(minutes) })], ledger, params());
    expect(at(60)).toHaveLength(1);
    expect(at(-60)).toHaveLength(1);
    expect(at(61)).toHaveLength(0);
    expect(at(60 + 1 / 60)).toHaveLength(0);
  });

  it('trims references but keeps them case-sensitive', () => {
    const ledger = [internal({ key: 'i1', reference: 'TXN-1' })];
    expect(matcher.findCandidates([external({ key: 'e1', reference: '  TXN-1 ' })], ledger, params())).toHaveLength(1);
    expect(matcher.findCandidates([external({ key: 'e1', reference: 'txn-1' })], ledger, params())).toHaveLength(0);
  });

  it('requires equal amounts and the same currency', () => {
    const ledger = [internal({ key: 'i1', reference: 'R', amount: '10.00', currency: 'USD' })];
    expect(matcher.findCandidates([external({ key: 'e1', reference: 'R', amount: '10.01' })], ledger, params())).toHaveLength(0);
    expect(
      matcher.findCandidates([external({ key: 'e1', reference: 'R', amount: '10.00', currency: 'EUR' })], ledger, params()),
    ).toHaveLength(0);
  });

  it('never matches on empty references', () => {
    expect(
      matcher.findCandidates([external({ key: 'e1', reference: ' ' })], [internal({ key: 'i1', reference: '' })], params()),
    ).toHaveLength(0);
  });

  it('proposes every same-identity record in the window, nearest first, independent of input order', () => {
    const ledger = [
      internal({ key: 'i-far', reference: 'R', at: minutesAfterBase(30) }),
      internal({ key: 'i-near', reference: 'R', at: minutesAfterBase(-2) }),
    ];
    const bank = [external({ key: 'e1', reference: 'R' })];
    expect(pairs(matcher.findCandidates(bank, ledger, params()))).toEqual(['e1=i-near', 'e1=i-far']);
    expect(pairs(matcher.findCandidates(bank, [...ledger].reverse(), params()))).toEqual(['e1=i-near', 'e1=i-far']);
  });

  it('caps candidates per external record', () => {
    const ledger = Array.from({ length: 50 }, (_, n) =>
      internal({ key: `i${String(n).padStart(2, '0')}`, reference: 'R', at: minutesAfterBase(n) }),
    );
    const candidates = matcher.findCandidates([external({ key: 'e1', reference: 'R' })], ledger, params());
    expect(pairs(candidates)).toEqual(['e1=i00', 'e1=i01', 'e1=i02', 'e1=i03', 'e1=i04', 'e1=i05', 'e1=i06', 'e1=i07']);
  });
});
