import { Decimal } from '../../common/money/decimal.js';
import { fuzzyCandidate, fuzzyWeights, scorePair } from './fuzzy-scorer.js';
import { external, internal, minutesAfterBase, params } from './testing/recon-record-builder.js';

describe('scorePair', () => {
  it('combines 0.6 reference + 0.25 amount + 0.15 time (the documented sample)', () => {
    const bank = external({ key: 'BNK-0003', reference: 'TXN-1003', amount: '420.00', at: '2025-07-13T14:03:00Z' });
    const ledger = internal({ key: 'T-1003', reference: 'TXN1003X', amount: '420.01', at: '2025-07-13T14:00:00Z' });
    const scored = scorePair(bank, ledger, params());
    expect(scored).toMatchObject({ referenceSimilarity: 0.875, amountCloseness: 0.8, timeCloseness: 0.95, timeDiffMinutes: 3 });
    expect(scored?.amountDiff.toString()).toBe('0.01');
    // 0.6 * 0.875 + 0.25 * 0.8 + 0.15 * 0.95 = 0.525 + 0.2 + 0.1425
    expect(scored?.score).toBe(0.8675);
  });

  it('weights sum to 1, and amount plus time alone cannot reach the default threshold', () => {
    expect(fuzzyWeights.reference + fuzzyWeights.amount + fuzzyWeights.time).toBeCloseTo(1, 12);
    const noReference = scorePair(external({ key: 'e', reference: 'AAAA' }), internal({ key: 'i', reference: 'ZZZZ' }), params());
    expect(noReference?.score).toBe(0.4);
  });

  it('rounds to 6 decimals so a score meant to equal the threshold does', () => {
    // 0.6 * 1 + 0.25 * (1 - 0.04 / 0.05) + 0.15 * 1 is 0.7999999999999999 in floating point.
    const scored = scorePair(
      external({ key: 'e', reference: 'R', amount: '100.04' }),
      internal({ key: 'i', reference: 'R', amount: '100.00' }),
      params(),
    );
    expect(scored?.score).toBe(0.8);
  });

  it('qualifies an amount difference of exactly allowedAmountDiff with closeness 0, and disqualifies above', () => {
    const at = scorePair(external({ key: 'e', amount: '100.05' }), internal({ key: 'i' }), params());
    expect(at?.amountCloseness).toBe(0);
    expect(scorePair(external({ key: 'e', amount: '100.0500001' }), internal({ key: 'i' }), params())).toBeUndefined();
  });

  it('qualifies exactly maxTimeDiffMinutes with closeness 0, and disqualifies a millisecond more', () => {
    const at = scorePair(external({ key: 'e', at: minutesAfterBase(60) }), internal({ key: 'i' }), params());
    expect(at?.timeCloseness).toBe(0);
    const beyond = new Date(Date.parse(minutesAfterBase(60)) + 1).toISOString();
    expect(scorePair(external({ key: 'e', at: beyond }), internal({ key: 'i' }), params())).toBeUndefined();
  });

  it('disqualifies different currencies whatever the rest', () => {
    expect(scorePair(external({ key: 'e', currency: 'USD' }), internal({ key: 'i', currency: 'EUR' }), params())).toBeUndefined();
  });

  it('treats zero tolerances as "must be equal" with full closeness', () => {
    const strict = params({ allowedAmountDiff: new Decimal(0), maxTimeDiffMinutes: 0 });
    expect(scorePair(external({ key: 'e' }), internal({ key: 'i' }), strict)).toMatchObject({ amountCloseness: 1, timeCloseness: 1 });
    expect(scorePair(external({ key: 'e', amount: '100.01' }), internal({ key: 'i' }), strict)).toBeUndefined();
  });
});

describe('fuzzyCandidate', () => {
  it('orients the pair by side whichever record probes', () => {
    const bank = external({ key: 'e', reference: 'ABC-1' });
    const ledger = internal({ key: 'i', reference: 'ABC1' });
    const fromBank = fuzzyCandidate(bank, ledger, params());
    const fromLedger = fuzzyCandidate(ledger, bank, params());
    expect(fromLedger).toEqual(fromBank);
    expect(fromBank).toMatchObject({ external: bank, internal: ledger, type: 'fuzzy', score: 1 });
  });
});
