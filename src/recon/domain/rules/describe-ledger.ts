import type { LedgerCandidate } from './ledger-candidate.js';

/** How a reason names a ledger transfer: by reference first (what people search for), then by id. */
export function describeLedger(candidate: LedgerCandidate): string {
  const reference = candidate.reference.trim();
  return reference === '' ? `ledger transfer ${candidate.id} (no reference)` : `ledger transfer '${reference}' (id ${candidate.id})`;
}
