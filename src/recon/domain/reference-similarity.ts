import { distance } from 'fastest-levenshtein';

/** Separators banks and ledgers insert freely: "TXN-1003", "txn 1003" and "TXN/1003" are one reference. */
const separators = /[\s\-_/.#]/g;

export function normaliseReference(reference: string): string {
  return reference.trim().toLowerCase().replace(separators, '');
}

/**
 * Normalised Levenshtein similarity in [0, 1]: 1 - distance / longer length, on normalised references.
 * An empty reference on either side scores 0: two missing references are absence of evidence, not a match.
 */
export function referenceSimilarity(a: string, b: string): number {
  return normalisedSimilarity(normaliseReference(a), normaliseReference(b));
}

/** For callers that normalise once and compare many times. */
export function normalisedSimilarity(a: string, b: string): number {
  const longer = Math.max(a.length, b.length);
  if (a.length === 0 || b.length === 0) return 0;
  return 1 - distance(a, b) / longer;
}
