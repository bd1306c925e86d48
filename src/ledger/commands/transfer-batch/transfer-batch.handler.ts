import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { LedgerWriter } from '../../infrastructure/write/ledger-writer.js';
import type { WriteOutcome } from '../../infrastructure/write/write-entry.js';
import { eventMetadata } from '../command-context.js';
import { TransferBatchCommand } from './transfer-batch.command.js';

@CommandHandler(TransferBatchCommand)
export class TransferBatchHandler implements ICommandHandler<TransferBatchCommand> {
  constructor(private readonly writer: LedgerWriter) {}

  execute(command: TransferBatchCommand): Promise<WriteOutcome> {
    const { context } = command;
    return this.writer.submit({ kind: 'transfer_batch', mode: command.mode, transfers: command.transfers, idempotency: context.idempotency, metadata: eventMetadata(context) });
  }
}
