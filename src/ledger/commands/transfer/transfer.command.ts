import { Command } from '@nestjs/cqrs';
import type { Decimal } from '../../../common/money/decimal.js';
import type { TransferView } from '../../queries/views.js';
import type { CommandContext } from '../command-context.js';

export class TransferCommand extends Command<TransferView> {
  constructor(
    readonly sourceAccountId: string,
    readonly destinationAccountId: string,
    readonly amount: Decimal,
    readonly currency: string,
    readonly reference: string | null,
    readonly metadata: Record<string, unknown>,
    /** Value time; null means now. */
    readonly occurredAt: Date | null,
    readonly context: CommandContext = {},
  ) {
    super();
  }
}
