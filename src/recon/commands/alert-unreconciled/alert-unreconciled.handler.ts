import { Logger } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { logSafe } from '../../../common/log-text.js';
import { AlertUnreconciledCommand } from './alert-unreconciled.command.js';

/**
 * The alert is a warning in the server log (the place a log-based pager watches). Other systems learn of it by
 * webhook: the job's final transaction wrote the recon.unmatched_above_threshold or recon.job.failed fact (see
 * domain/recon-facts.ts), so the webhook does not depend on this detached handler running.
 */
@CommandHandler(AlertUnreconciledCommand)
export class AlertUnreconciledHandler implements ICommandHandler<AlertUnreconciledCommand> {
  private readonly logger = new Logger('ReconAlert');

  async execute(command: AlertUnreconciledCommand): Promise<void> {
    // The detail can quote a CSV header or a source's error text: escaped, so it stays one log line.
    this.logger.warn(logSafe(`${command.source} ${command.businessDate} (job ${command.jobId}): ${command.detail}`));
  }
}
