import { Command } from '@nestjs/cqrs';
import type { TransferInput, WriteOutcome } from '../../infrastructure/write/write-entry.js';
import type { CommandContext } from '../command-context.js';

/** Up to 1,000 transfers that travel, and are answered, as one unit; `atomic`: all or nothing. */
export class TransferBatchCommand extends Command<WriteOutcome> {
  constructor(
    readonly mode: 'atomic' | 'independent',
    readonly transfers: readonly TransferInput[],
    readonly context: CommandContext = {},
  ) {
    super();
  }
}
