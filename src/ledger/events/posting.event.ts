import type { Decimal } from '../../common/money/decimal.js';
import type { LedgerEvent, LedgerEventType, PostingFields } from './ledger-event.js';

/** One leg of a transfer: AccountDebited on the source stream, AccountCredited on the destination. */
export abstract class PostingEvent implements LedgerEvent, PostingFields {
  abstract readonly type: Extract<LedgerEventType, 'AccountDebited' | 'AccountCredited'>;
  readonly schemaVersion = 1;
  readonly accountId: string;
  readonly version: number;
  readonly transferId: string;
  readonly counterpartyAccountId: string;
  readonly amount: Decimal;
  readonly currency: string;
  readonly balanceAfter: Decimal;
  readonly reference: string | null;
  readonly occurredAt: Date;

  constructor(fields: PostingFields) {
    this.accountId = fields.accountId;
    this.version = fields.version;
    this.transferId = fields.transferId;
    this.counterpartyAccountId = fields.counterpartyAccountId;
    this.amount = fields.amount;
    this.currency = fields.currency;
    this.balanceAfter = fields.balanceAfter;
    this.reference = fields.reference;
    this.occurredAt = fields.occurredAt;
    Object.freeze(this);
  }
}

export class AccountDebited extends PostingEvent {
  get type() {
    return 'AccountDebited' as const;
  }
}

export class AccountCredited extends PostingEvent {
  get type() {
    return 'AccountCredited' as const;
  }
}
