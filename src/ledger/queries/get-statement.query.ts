import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { AccountNotFound } from '../domain/ledger-errors.js';
import { LedgerReader } from '../infrastructure/ledger-reader.js';
import type { Page, StatementLineView } from './views.js';

/** An account's statement (one line per posting, oldest first), from the statement read model. */
export class GetStatementQuery extends Query<Page<StatementLineView>> {
  constructor(
    readonly accountId: string,
    readonly limit: number,
    /** The `next_cursor` (a stream version) of the previous page. */
    readonly afterVersion?: string,
  ) {
    super();
  }
}

@QueryHandler(GetStatementQuery)
export class GetStatementHandler implements IQueryHandler<GetStatementQuery> {
  constructor(private readonly reader: LedgerReader) {}

  async execute(query: GetStatementQuery): Promise<Page<StatementLineView>> {
    if (!(await this.reader.balance(query.accountId))) throw new AccountNotFound(query.accountId);
    return this.reader.statement(query.accountId, query.limit, query.afterVersion);
  }
}
