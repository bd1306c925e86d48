import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { LedgerReader, type TransferFilter, type TransferOrder } from '../infrastructure/ledger-reader.js';
import type { Page, TransferView } from './views.js';

/**
 * Transfers matching every given filter, a page at a time. The API lists them in log order (`asc`, `desc`);
 * other modules read one value-time window in a single pass (`value_time`, the default: recon's internal side).
 * `cursor` is the `next_cursor` of the previous page in the same order.
 */
export class ListTransfersQuery extends Query<Page<TransferView>> {
  constructor(
    readonly filter: TransferFilter,
    readonly limit: number,
    readonly cursor?: string,
    readonly order: TransferOrder = 'value_time',
  ) {
    super();
  }
}

@QueryHandler(ListTransfersQuery)
export class ListTransfersHandler implements IQueryHandler<ListTransfersQuery> {
  constructor(private readonly reader: LedgerReader) {}

  execute(query: ListTransfersQuery): Promise<Page<TransferView>> {
    return this.reader.transfers(query.filter, query.limit, query.cursor, query.order);
  }
}
