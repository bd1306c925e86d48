import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { AccountNotFound } from '../domain/ledger-errors.js';
import { LedgerReader } from '../infrastructure/ledger-reader.js';
import type { BalanceView } from './views.js';

export class GetBalanceQuery extends Query<BalanceView> {
  constructor(readonly accountId: string) {
    super();
  }
}

@QueryHandler(GetBalanceQuery)
export class GetBalanceHandler implements IQueryHandler<GetBalanceQuery> {
  constructor(private readonly reader: LedgerReader) {}

  async execute(query: GetBalanceQuery): Promise<BalanceView> {
    const balance = await this.reader.balance(query.accountId);
    if (!balance) throw new AccountNotFound(query.accountId);
    return balance;
  }
}
