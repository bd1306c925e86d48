import { Decimal } from '../../../common/money/decimal.js';
import type { LedgerCandidate, RuleContext } from '../rules/ledger-candidate.js';
import { baseTime } from './recon-record-builder.js';

/** Test data builder for the ledger side of rules: every field defaults so a spec states only what it is about. */
export interface LedgerSpec {
  id: string;
  reference?: string;
  amount?: string;
  currency?: string;
  at?: string;
  metadata?: Record<string, string>;
  direction?: 'credit' | 'debit';
}

export function ledger(spec: LedgerSpec): LedgerCandidate {
  const candidate: LedgerCandidate = {
    id: spec.id,
    reference: spec.reference ?? `REF-${spec.id}`,
    metadata: spec.metadata ?? {},
    amount: new Decimal(spec.amount ?? '100.00'),
    currency: spec.currency ?? 'USD',
    occurredAt: new Date(spec.at ?? baseTime),
  };
  return spec.direction === undefined ? candidate : { ...candidate, direction: spec.direction };
}

export const unscoped: RuleContext = { businessTimeZone: 'UTC', accountScoped: false };
export const scoped: RuleContext = { businessTimeZone: 'UTC', accountScoped: true };
