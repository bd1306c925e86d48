import { CommandBus, CqrsModule, QueryBus } from '@nestjs/cqrs';
import { Decimal } from '../../common/money/decimal.js';
import { RunReconCommand } from '../../recon/commands/run-recon/run-recon.command.js';
import { GetReconJobQuery, GetReconSummaryQuery } from '../../recon/queries/recon.queries.js';
import { ReconModule } from '../../recon/recon.module.js';
import { withCommandContext } from '../command-context.js';
import { CommandLogger } from '../command-logger.js';
import { printTable } from '../print-table.js';
import { progressBarFor } from '../progress-bar.js';

export interface RunReconOptions {
  source: string;
  /** The first business date of the period. */
  date: string;
  from?: string;
  /** The last business date of the period (inclusive); date when absent. */
  to?: string;
  filePath?: string;
  accountId?: string;
  fuzzyThreshold?: number;
  allowedAmountDiff?: string;
  maxTimeDiffMinutes?: number;
}

/** Runs the job in this process and prints its summary; exit code 1 when the job fails. */
export async function runRecon(options: RunReconOptions): Promise<void> {
  const params = {
    ...(options.fuzzyThreshold !== undefined && { fuzzyThreshold: options.fuzzyThreshold }),
    ...(options.allowedAmountDiff !== undefined && { allowedAmountDiff: new Decimal(options.allowedAmountDiff) }),
    ...(options.maxTimeDiffMinutes !== undefined && { maxTimeDiffMinutes: options.maxTimeDiffMinutes }),
  };
  const onProgress = await progressBarFor(options.filePath);
  await withCommandContext({ imports: [CqrsModule.forRoot(), ReconModule] }, async (context) => {
    const [commandBus, queryBus] = [context.get(CommandBus), context.get(QueryBus)];
    const job = await commandBus.execute(
      new RunReconCommand(options.source, options.date, 'cli', { periodTo: options.to, accountId: options.accountId, filePath: options.filePath, params, wait: true, onProgress }),
    );
    const details = await queryBus.execute(new GetReconJobQuery({ jobId: job.job_id }));
    if (details.status !== 'completed') {
      console.error(`Job ${job.job_id} ${details.status}: ${details.error ?? 'no error recorded'}`);
      process.exitCode = 1;
      return;
    }
    const summary = await queryBus.execute(new GetReconSummaryQuery({ jobId: job.job_id }));
    console.log(`Job ${job.job_id} completed (${summary.source}, ${summary.date})`);
    const { external_total, internal_total, rejected_rows, matched_exact, matched_fuzzy, matched_groups, matched_group_external, matched_group_internal, unmatched_external, unmatched_internal, match_rate } = summary;
    // Group counts only when the job made groups: a source without them prints the table it always did.
    const groups = matched_groups > 0 ? { matched_groups, matched_group_external, matched_group_internal } : {};
    printTable(Object.entries({ external_total, internal_total, rejected_rows, matched_exact, matched_fuzzy, ...groups, unmatched_external, unmatched_internal, match_rate }).map(([metric, value]) => ({ metric, value })));
  }, new CommandLogger(['Recon']));
}
