import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { LedgerReader, type AccountFilter } from '../infrastructure/ledger-reader.js';
import type { AccountView, Page } from './views.js';

/** Accounts matching every given filter, oldest first; `cursor` is the previous page's `next_cursor`. */
export class ListAccountsQuery extends Query<Page<AccountView>> {
  constructor(
    readonly filter: AccountFilter,
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
    return this.reader.accounts(query.filter, query.limit, query.cursor);
  }
}
