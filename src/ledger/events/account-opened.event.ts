import type { Decimal } from '../../common/money/decimal.js';
import type { LedgerEvent } from './ledger-event.js';

export class AccountOpened implements LedgerEvent {
  readonly schemaVersion = 1;
  readonly version = 1;

  constructor(
    readonly accountId: string,
    readonly currency: string,
    readonly accountType: string,
    readonly allowOverdraft: boolean,
    /** The most negative the balance may go; null with allowOverdraft means no limit. */
    readonly overdraftLimit: Decimal | null,
    readonly metadata: Readonly<Record<string, unknown>>,
    readonly occurredAt: Date,
  ) {
    Object.freeze(this);
  }

  get type() {
    return 'AccountOpened' as const;
  }
}
