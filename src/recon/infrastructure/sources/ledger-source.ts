import { Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { Decimal } from '../../../common/money/decimal.js';
import { ListTransfersQuery } from '../../../ledger/queries/list-transfers.query.js';
import type { TransferView } from '../../../ledger/queries/views.js';
import { businessWindow, type ReconSource, type SourceItem, type SourceReadRequest } from '../../domain/recon-source.js';

const pageSize = 1_000;

/**
 * The internal side: the ledger's transfers whose value time falls in the business day widened by the
 * time window, optionally only those touching one account. Read page by page through the ledger's
 * ListTransfersQuery, never its tables.
 */
@Injectable()
export class LedgerSource implements ReconSource {
  readonly name = 'ledger';

  constructor(private readonly queryBus: QueryBus) {}

  async *read(request: SourceReadRequest): AsyncGenerator<SourceItem> {
    const window = businessWindow(request);
    const filter = { occurredFrom: window.from, occurredTo: window.to, accountId: request.accountId };
    let cursor: string | undefined;
    do {
      const page = await this.queryBus.execute(new ListTransfersQuery(filter, pageSize, cursor));
      for (const transfer of page.data) yield { kind: 'record', record: toRecord(transfer, request.accountId) };
      cursor = page.next_cursor ?? undefined;
    } while (cursor);
  }
}

/** The key external systems quote: the transfer's reference, else metadata.txn_id or metadata.external_id. */
export function matchingReference(transfer: Pick<TransferView, 'reference' | 'metadata'>): string {
  const fallback = transfer.metadata.txn_id ?? transfer.metadata.external_id;
  return transfer.reference ?? (typeof fallback === 'string' ? fallback : '');
}

function toRecord(transfer: TransferView, accountId: string | undefined) {
  const direction = accountId === undefined ? undefined : transfer.destination_account_id === accountId ? ('credit' as const) : ('debit' as const);
  return {
    side: 'internal' as const,
    key: transfer.id,
    reference: matchingReference(transfer),
    amount: new Decimal(transfer.amount),
    currency: transfer.currency,
    occurredAt: new Date(transfer.occurred_at),
    ...(direction && { direction }),
  };
}
