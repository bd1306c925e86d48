import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { LedgerReader, type TransferFilter } from '../infrastructure/ledger-reader.js';
import type { Page, TransferView } from './views.js';

/** Transfers by value time (occurred_at), oldest first; how other modules read the ledger's transfers. */
export class ListTransfersQuery extends Query<Page<TransferView>> {
  constructor(
    readonly filter: TransferFilter,
    readonly limit: number,
    readonly cursor?: string,
  ) {
    super();
  }
}

@QueryHandler(ListTransfersQuery)
export class ListTransfersHandler implements IQueryHandler<ListTransfersQuery> {
  constructor(private readonly reader: LedgerReader) {}

  execute(query: ListTransfersQuery): Promise<Page<TransferView>> {
    return this.reader.transfers(query.filter, query.limit, query.cursor);
  }
}
