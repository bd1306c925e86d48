import { Command } from '@nestjs/cqrs';
import type { Decimal } from '../../../common/money/decimal.js';
import type { AccountView } from '../../queries/views.js';
import type { CommandContext } from '../command-context.js';

export class CreateAccountCommand extends Command<AccountView> {
  constructor(
    readonly currency: string,
    readonly type: string,
    readonly metadata: Record<string, unknown>,
    /** Undefined takes the deployment default (LEDGER_ALLOW_OVERDRAFT). */
    readonly allowOverdraft: boolean | undefined,
    readonly overdraftLimit: Decimal | null,
    readonly context: CommandContext = {},
  ) {
    super();
  }
}
