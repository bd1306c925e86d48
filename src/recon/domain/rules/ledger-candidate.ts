import type { Decimal } from '../../../common/money/decimal.js';

/** The ledger side as rules see it: one transfer, read through the ledger module's view. */
export interface LedgerCandidate {
  readonly id: string;
  /** May be empty: a transfer without a reference never matches on reference. */
  readonly reference: string;
  readonly metadata: Readonly<Record<string, string>>;
  /** The transfer amount (unsigned in the ledger). */
  readonly amount: Decimal;
  readonly currency: string;
  readonly occurredAt: Date;
  /**
   * Only on an account-scoped job: 'debit' when the transfer debits the scoped account (it is the source:
   * money out), 'credit' when it credits it (money in). Same meaning as a bank line's direction.
   */
  readonly direction?: 'credit' | 'debit';
}

export interface RuleContext {
  /** IANA zone whose calendar days booking dates are compared with ("UTC", "Europe/Berlin"). */
  readonly businessTimeZone: string;
  /** Whether the job is scoped to one ledger account; only then are directions compared. */
  readonly accountScoped: boolean;
}
