import { normaliseReference, referenceSimilarity } from './reference-similarity.js';

describe('normaliseReference', () => {
  it('trims, lowercases and removes separators', () => {
    expect(normaliseReference('  TXN-1003 ')).toBe('txn1003');
    expect(normaliseReference('a_b/c.d#e f-g')).toBe('abcdefg');
  });
});

describe('referenceSimilarity', () => {
  it('is 1 for references that differ only in case and separators', () => {
    expect(referenceSimilarity('TXN-1003', 'txn 1003')).toBe(1);
    expect(referenceSimilarity('INV/2025/07', 'inv.2025.07')).toBe(1);
  });

  it('is 1 - distance / longer length', () => {
    expect(referenceSimilarity('TXN-1003', 'TXN1003X')).toBe(0.875);
    expect(referenceSimilarity('TXN-9', 'TXN-09')).toBeCloseTo(0.8, 12);
  });

  it('is 0 for entirely different references', () => {
    expect(referenceSimilarity('abc', 'xyz')).toBe(0);
  });

  it('is 0 when either reference is empty, even both', () => {
    expect(referenceSimilarity('', '')).toBe(0);
    expect(referenceSimilarity(' - ', 'TXN-1')).toBe(0);
  });
});
