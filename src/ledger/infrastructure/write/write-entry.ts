import type { IdempotencyRequest } from '../../../common/idempotency/idempotency.js';
import type { Decimal } from '../../../common/money/decimal.js';
import type { OpenAccount } from '../../domain/account.js';
import type { PostedTransfer } from '../../domain/transfer.js';
import type { EventMetadata } from '../event-store.js';

/** A transfer as a client asks for it; the writer gives it its id and times. */
export interface TransferInput {
  readonly sourceAccountId: string;
  readonly destinationAccountId: string;
  readonly amount: Decimal;
  readonly currency: string;
  readonly reference: string | null;
  readonly metadata: Record<string, unknown>;
  /** Value time; null means the time it is posted. */
  readonly occurredAt: Date | null;
}

/** An account as a client asks for it; the writer gives it its id and opening time. */
export type AccountRequest = Omit<OpenAccount, 'id' | 'openedAt'>;

interface EntryContext {
  readonly idempotency?: IdempotencyRequest;
  /** Stored with every event the entry appends. */
  readonly metadata: EventMetadata;
}

/** One command in the group-commit queue. A batch request is one entry: it travels, and is answered, as a unit. */
export type WriteEntry =
  | (EntryContext & { readonly kind: 'open_account'; readonly account: AccountRequest })
  | (EntryContext & { readonly kind: 'transfer'; readonly transfer: TransferInput })
  | (EntryContext & { readonly kind: 'transfer_batch'; readonly mode: 'atomic' | 'independent'; readonly transfers: readonly TransferInput[] });

/** The answer to one entry: the HTTP status and body to send (a replay's are the first response's). */
export interface WriteOutcome {
  readonly status: number;
  readonly body: unknown;
  readonly replayed: boolean;
  /** Transfers this entry posted (none for a replay). */
  readonly posted: readonly PostedTransfer[];
  /** Items of an independent batch that were refused. */
  readonly refused: readonly { currency: string; code: string }[];
}
