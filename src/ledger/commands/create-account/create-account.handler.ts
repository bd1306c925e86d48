import { randomUUID } from 'node:crypto';
import { CommandHandler, EventPublisher, type ICommandHandler } from '@nestjs/cqrs';
import { Clock } from '../../../common/clock.js';
import { replay } from '../../../common/idempotency/idempotency.js';
import { IdempotencyKeys } from '../../../database/idempotency-keys.js';
import { UnitOfWork } from '../../../database/unit-of-work.js';
import { Account } from '../../domain/account.js';
import { LedgerSettings } from '../../ledger-settings.js';
import { LedgerRepository } from '../../infrastructure/ledger-repository.js';
import { LedgerMetrics } from '../../../observability/metrics/ledger-metrics.js';
import { accountView, type AccountView } from '../../queries/views.js';
import { eventMetadata } from '../command-context.js';
import { CreateAccountCommand } from './create-account.command.js';

@CommandHandler(CreateAccountCommand)
export class CreateAccountHandler implements ICommandHandler<CreateAccountCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly repository: LedgerRepository,
    private readonly publisher: EventPublisher,
    private readonly settings: LedgerSettings,
    private readonly clock: Clock,
    private readonly metrics: LedgerMetrics,
  ) {}

  async execute(command: CreateAccountCommand): Promise<AccountView> {
    const { idempotency } = command.context;
    const outcome = await this.unitOfWork.run(async (tx) => {
      const stored = idempotency && (await IdempotencyKeys.find(tx, idempotency));
      if (stored) return { view: replay<AccountView>(stored, idempotency) };
      const now = this.clock.now();
      const account = Account.open({
        id: randomUUID(),
        currency: command.currency,
        type: command.type,
        metadata: command.metadata,
        allowOverdraft: command.allowOverdraft ?? (command.overdraftLimit !== null || this.settings.allowOverdraftDefault),
        overdraftLimit: command.overdraftLimit,
        openedAt: now,
      });
      const view = accountView(account.state);
      await this.repository.saveOpenedAccount(tx, account, { idempotency, response: { status: 201, body: view }, metadata: eventMetadata(command.context), at: now });
      return { view, account };
    });
    if (outcome.account) this.publisher.mergeObjectContext(outcome.account).commit();
    else this.metrics.replayed('create_account');
    return outcome.view;
  }
}
