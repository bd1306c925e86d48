import { randomUUID } from 'node:crypto';
import { CommandHandler, EventPublisher, type ICommandHandler } from '@nestjs/cqrs';
import { Clock } from '../../../common/clock.js';
import { replay } from '../../../common/idempotency/idempotency.js';
import { UnitOfWork } from '../../../database/unit-of-work.js';
import { assertDistinctAccounts, postTransfer } from '../../domain/transfer.js';
import { LedgerRepository } from '../../infrastructure/ledger-repository.js';
import { transferView, type TransferView } from '../../queries/views.js';
import { eventMetadata } from '../command-context.js';
import { TransferCommand } from './transfer.command.js';

/**
 * Posts a transfer in one transaction: lock both accounts, let the domain decide, write everything in one
 * statement, commit. The events reach the EventBus only after the commit.
 */
@CommandHandler(TransferCommand)
export class TransferHandler implements ICommandHandler<TransferCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly repository: LedgerRepository,
    private readonly publisher: EventPublisher,
    private readonly clock: Clock,
  ) {}

  async execute(command: TransferCommand): Promise<TransferView> {
    assertDistinctAccounts(command);
    const { idempotency } = command.context;
    const outcome = await this.unitOfWork.run(async (tx) => {
      const locked = await this.repository.lockForTransfer(tx, [command.sourceAccountId, command.destinationAccountId], idempotency);
      if (locked.replay && idempotency) return { view: replay<TransferView>(locked.replay, idempotency), accounts: [] };
      const source = locked.accounts.get(command.sourceAccountId);
      const destination = locked.accounts.get(command.destinationAccountId);
      const transfer = postTransfer(source, destination, { ...command, transferId: randomUUID(), requestedAt: this.clock.now() });
      const view = transferView(transfer);
      const events = [source!, destination!].flatMap((account) => account.getUncommittedEvents());
      await this.repository.saveTransfer(tx, transfer, events, { idempotency, response: { status: 201, body: view }, metadata: eventMetadata(command.context), at: transfer.requestedAt });
      return { view, accounts: [source!, destination!] };
    });
    for (const account of outcome.accounts) this.publisher.mergeObjectContext(account).commit();
    return outcome.view;
  }
}
