import { Logger } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AlertUnreconciledCommand } from './alert-unreconciled.command.js';

/** Today an alert is a warning in the server log (the place a log-based pager watches); a webhook would go here. */
@CommandHandler(AlertUnreconciledCommand)
export class AlertUnreconciledHandler implements ICommandHandler<AlertUnreconciledCommand> {
  private readonly logger = new Logger('ReconAlert');

  async execute(command: AlertUnreconciledCommand): Promise<void> {
    this.logger.warn(`${command.source} ${command.businessDate} (job ${command.jobId}): ${command.detail}`);
  }
}
