import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { LedgerWriter } from '../../infrastructure/write/ledger-writer.js';
import type { TransferView } from '../../queries/views.js';
import { eventMetadata } from '../command-context.js';
import { TransferCommand } from './transfer.command.js';

/** Posts one transfer through the group-commit write path, which decides it with the Account aggregate. */
@CommandHandler(TransferCommand)
export class TransferHandler implements ICommandHandler<TransferCommand> {
  constructor(private readonly writer: LedgerWriter) {}

  async execute(command: TransferCommand): Promise<TransferView> {
    const { context, sourceAccountId, destinationAccountId, amount, currency, reference, metadata, occurredAt } = command;
    const outcome = await this.writer.submit({
      kind: 'transfer',
      transfer: { sourceAccountId, destinationAccountId, amount, currency, reference, metadata, occurredAt },
      idempotency: context.idempotency,
      metadata: eventMetadata(context),
    });
    return outcome.body as TransferView;
  }
}
