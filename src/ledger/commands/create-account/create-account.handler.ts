import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { LedgerWriter } from '../../infrastructure/write/ledger-writer.js';
import { LedgerSettings } from '../../ledger-settings.js';
import type { AccountView } from '../../queries/views.js';
import { eventMetadata } from '../command-context.js';
import { CreateAccountCommand } from './create-account.command.js';

/** Opens an account through the group-commit write path (the same idempotency and append as a transfer). */
@CommandHandler(CreateAccountCommand)
export class CreateAccountHandler implements ICommandHandler<CreateAccountCommand> {
  constructor(
    private readonly writer: LedgerWriter,
    private readonly settings: LedgerSettings,
  ) {}

  async execute(command: CreateAccountCommand): Promise<AccountView> {
    const { context } = command;
    const outcome = await this.writer.submit({
      kind: 'open_account',
      account: {
        currency: command.currency,
        type: command.type,
        metadata: command.metadata,
        allowOverdraft: command.allowOverdraft ?? (command.overdraftLimit !== null || this.settings.allowOverdraftDefault),
        overdraftLimit: command.overdraftLimit,
      },
      idempotency: context.idempotency,
      metadata: eventMetadata(context),
    });
    return outcome.body as AccountView;
  }
}
