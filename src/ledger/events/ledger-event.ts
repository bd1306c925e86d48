import type { IEvent } from '@nestjs/cqrs';
import type { Decimal } from '../../common/money/decimal.js';

/**
 * Events are facts: past tense, immutable, with a stable `type` string and a schema version that never
 * change once stored (old shapes are upcast on read). `version` is the position in the account's stream.
 */
export interface LedgerEvent extends IEvent {
  readonly type: LedgerEventType;
  readonly schemaVersion: number;
  readonly accountId: string;
  readonly version: number;
  readonly occurredAt: Date;
}

export type LedgerEventType = 'AccountOpened' | 'AccountDebited' | 'AccountCredited';

/** The shape shared by both legs of a transfer. */
export interface PostingFields {
  readonly accountId: string;
  readonly version: number;
  readonly transferId: string;
  readonly counterpartyAccountId: string;
  readonly amount: Decimal;
  readonly currency: string;
  readonly balanceAfter: Decimal;
  readonly reference: string | null;
  readonly occurredAt: Date;
}
