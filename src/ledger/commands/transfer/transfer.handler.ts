import { randomUUID } from 'node:crypto';
import { CommandHandler, EventPublisher, type ICommandHandler } from '@nestjs/cqrs';
import { Clock } from '../../../common/clock.js';
import { DomainError } from '../../../common/errors/domain-error.js';
import { replay, type IdempotencyRequest } from '../../../common/idempotency/idempotency.js';
import { IdempotencyKeys } from '../../../database/idempotency-keys.js';
import { UnitOfWork, type Queryable } from '../../../database/unit-of-work.js';
import { assertDistinctAccounts, assertOccurredAt, postTransfer } from '../../domain/transfer.js';
import { LedgerRepository } from '../../infrastructure/ledger-repository.js';
import { LedgerMetrics } from '../../../observability/metrics/ledger-metrics.js';
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
    private readonly metrics: LedgerMetrics,
  ) {}

  async execute(command: TransferCommand): Promise<TransferView> {
    try {
      const { view, posted } = await this.post(command);
      if (posted) this.metrics.transferPosted(command.currency);
      else this.metrics.replayed('transfer');
      return view;
    } catch (error) {
      if (error instanceof DomainError) this.metrics.transferRefused(command.currency, error.code);
      throw error;
    }
  }

  private async post(command: TransferCommand): Promise<{ view: TransferView; posted: boolean }> {
    if (command.occurredAt) assertOccurredAt(command.occurredAt, this.clock.now());
    assertDistinctAccounts(command);
    const { idempotency } = command.context;
    const outcome = await this.unitOfWork.run(async (tx) => {
      const locked = await this.repository.lockForTransfer(tx, [command.sourceAccountId, command.destinationAccountId], idempotency);
      if (locked.replay && idempotency) return { view: replay<TransferView>(locked.replay, idempotency), accounts: [] };
      const source = locked.accounts.get(command.sourceAccountId);
      const destination = locked.accounts.get(command.destinationAccountId);
      const now = this.clock.now();
      const request = { ...command, transferId: randomUUID(), requestedAt: now, occurredAt: command.occurredAt ?? now };
      const transfer = await this.decide(tx, () => postTransfer(source, destination, request), idempotency);
      if ('replayed' in transfer) return { view: transfer.replayed, accounts: [] };
      const view = transferView(transfer);
      const events = [source!, destination!].flatMap((account) => account.getUncommittedEvents());
      await this.repository.saveTransfer(tx, transfer, events, { idempotency, response: { status: 201, body: view }, metadata: eventMetadata(command.context), at: transfer.requestedAt });
      return { view, accounts: [source!, destination!] };
    });
    for (const account of outcome.accounts) this.publisher.mergeObjectContext(account).commit();
    return { view: outcome.view, posted: outcome.accounts.length > 0 };
  }

  /**
   * A refusal may come from a race with the same Idempotency-Key: the lookup ran on a snapshot taken
   * before the winner committed, and the balance now reflects the winner's debit. A fresh lookup tells
   * a repeat (replay the winner's response) from a genuine refusal. Only successes are stored, so a
   * refused request can be retried under its key.
   */
  private async decide<T>(tx: Queryable, decision: () => T, idempotency?: IdempotencyRequest): Promise<T | { replayed: TransferView }> {
    try {
      return decision();
    } catch (error) {
      const stored = error instanceof DomainError && idempotency && (await IdempotencyKeys.find(tx, idempotency));
      if (stored) return { replayed: replay<TransferView>(stored, idempotency) };
      throw error;
    }
  }
}
