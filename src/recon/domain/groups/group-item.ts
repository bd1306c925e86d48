import type { Decimal } from '../../../common/money/decimal.js';
import type { LedgerCandidate } from '../rules/ledger-candidate.js';

/**
 * What a group search needs of a record on either side. A ReconRecord is one as it is; a ledger
 * candidate becomes one through groupItemOfLedger.
 */
export interface GroupItem {
  readonly key: string;
  /** Positive: a group is several payments adding up to one; items at or below zero are never used. */
  readonly amount: Decimal;
  readonly currency: string;
  readonly occurredAt: Date;
  /** Records from one batch booking share it; a group never mixes records of different batches. */
  readonly groupId?: string;
}

export function groupItemOfLedger(candidate: LedgerCandidate): GroupItem & { readonly candidate: LedgerCandidate } {
  const { id: key, amount, currency, occurredAt } = candidate;
  return { key, amount, currency, occurredAt, candidate };
}
