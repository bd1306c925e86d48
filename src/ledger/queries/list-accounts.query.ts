import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { LedgerReader } from '../infrastructure/ledger-reader.js';
import type { AccountView, Page } from './views.js';

export class ListAccountsQuery extends Query<Page<AccountView>> {
  constructor(
    readonly limit: number,
    readonly cursor?: string,
  ) {
    super();
  }
}

@QueryHandler(ListAccountsQuery)
export class ListAccountsHandler implements IQueryHandler<ListAccountsQuery> {
  constructor(private readonly reader: LedgerReader) {}

  execute(query: ListAccountsQuery): Promise<Page<AccountView>> {
    return this.reader.accounts(query.limit, query.cursor);
  }
}
