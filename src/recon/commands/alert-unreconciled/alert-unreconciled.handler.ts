import { Logger } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { logSafe } from '../../../common/log-text.js';
import { AlertUnreconciledCommand } from './alert-unreconciled.command.js';

/** Today an alert is a warning in the server log (the place a log-based pager watches); a webhook would go here. */
@CommandHandler(AlertUnreconciledCommand)
export class AlertUnreconciledHandler implements ICommandHandler<AlertUnreconciledCommand> {
  private readonly logger = new Logger('ReconAlert');

  async execute(command: AlertUnreconciledCommand): Promise<void> {
    // The detail can quote a CSV header or a source's error text: escaped, so it stays one log line.
    this.logger.warn(logSafe(`${command.source} ${command.businessDate} (job ${command.jobId}): ${command.detail}`));
  }
}
