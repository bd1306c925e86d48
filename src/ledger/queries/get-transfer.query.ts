import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { TransferNotFound } from '../domain/ledger-errors.js';
import { LedgerReader } from '../infrastructure/ledger-reader.js';
import type { TransferView } from './views.js';

export class GetTransferQuery extends Query<TransferView> {
  constructor(readonly transferId: string) {
    super();
  }
}

@QueryHandler(GetTransferQuery)
export class GetTransferHandler implements IQueryHandler<GetTransferQuery> {
  constructor(private readonly reader: LedgerReader) {}

  async execute(query: GetTransferQuery): Promise<TransferView> {
    const transfer = await this.reader.transfer(query.transferId);
    if (!transfer) throw new TransferNotFound(query.transferId);
    return transfer;
  }
}
