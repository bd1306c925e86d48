import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { AccountNotFound } from '../domain/ledger-errors.js';
import { LedgerReader } from '../infrastructure/ledger-reader.js';
import type { AccountView } from './views.js';

export class GetAccountQuery extends Query<AccountView> {
  constructor(readonly accountId: string) {
    super();
  }
}

@QueryHandler(GetAccountQuery)
export class GetAccountHandler implements IQueryHandler<GetAccountQuery> {
  constructor(private readonly reader: LedgerReader) {}

  async execute(query: GetAccountQuery): Promise<AccountView> {
    const account = await this.reader.account(query.accountId);
    if (!account) throw new AccountNotFound(query.accountId);
    return account;
  }
}
