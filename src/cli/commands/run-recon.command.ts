import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { Command, CommandRunner, Option } from 'nest-commander';
import { ValidationFailed } from '../../common/errors/domain-error.js';
import { Decimal } from '../../common/money/decimal.js';
import { RunReconCommand as RunRecon } from '../../recon/commands/run-recon/run-recon.command.js';
import { GetReconJobQuery, GetReconSummaryQuery } from '../../recon/queries/recon.queries.js';
import { printTable } from '../print-table.js';
import { progressBarFor } from '../progress-bar.js';

interface RunReconOptions {
  source?: string;
  date?: string;
  filePath?: string;
  accountId?: string;
  fuzzyThreshold?: number;
  allowedAmountDiff?: string;
  maxTimeDiffMinutes?: number;
}

/**
 * `run-recon --source bank_csv --date 2025-07-13 --file_path ./data/bank_dump.csv`: runs the job in this
 * process, prints its summary, and exits non-zero when the job fails. Options accept `_` or `-`.
 */
@Command({ name: 'run-recon', description: 'Reconcile a source against the ledger for one business date' })
export class RunReconCliCommand extends CommandRunner {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly queryBus: QueryBus,
  ) {
    super();
  }

  async run(_: string[], options: RunReconOptions): Promise<void> {
    if (!options.source) throw ValidationFailed.field('--source', 'is required');
    if (!options.date) throw ValidationFailed.field('--date', 'is required');
    const params = {
      ...(options.fuzzyThreshold !== undefined && { fuzzyThreshold: options.fuzzyThreshold }),
      ...(options.allowedAmountDiff !== undefined && { allowedAmountDiff: new Decimal(options.allowedAmountDiff) }),
      ...(options.maxTimeDiffMinutes !== undefined && { maxTimeDiffMinutes: options.maxTimeDiffMinutes }),
    };
    const onProgress = await progressBarFor(options.filePath);
    const job = await this.commandBus.execute(
      new RunRecon(options.source, options.date, 'cli', { accountId: options.accountId, filePath: options.filePath, params, wait: true, onProgress }),
    );
    const details = await this.queryBus.execute(new GetReconJobQuery({ jobId: job.job_id }));
    if (details.status !== 'completed') {
      console.error(`Job ${job.job_id} ${details.status}: ${details.error ?? 'no error recorded'}`);
      process.exitCode = 1;
      return;
    }
    const summary = await this.queryBus.execute(new GetReconSummaryQuery({ jobId: job.job_id }));
    console.log(`Job ${job.job_id} completed (${summary.source}, ${summary.date})`);
    const { external_total, internal_total, rejected_rows, matched_exact, matched_fuzzy, unmatched_external, unmatched_internal, match_rate } = summary;
    printTable(Object.entries({ external_total, internal_total, rejected_rows, matched_exact, matched_fuzzy, unmatched_external, unmatched_internal, match_rate }).map(([metric, value]) => ({ metric, value })));
  }

  @Option({ flags: '--source <name>', description: 'A source named in RECON_SOURCES_FILE' })
  parseSource(value: string): string {
    return value;
  }

  @Option({ flags: '--date <YYYY-MM-DD>', description: 'Business date (UTC)' })
  parseDate(value: string): string {
    return value;
  }

  @Option({ flags: '--file_path <path>', name: 'filePath', description: 'The file to reconcile (also --file-path)' })
  parseFilePathUnderscore(value: string): string {
    return value;
  }

  @Option({ flags: '--file-path <path>', name: 'filePath' })
  parseFilePath(value: string): string {
    return value;
  }

  @Option({ flags: '--account_id <uuid>', name: 'accountId', description: 'Only ledger transfers touching this account (also --account-id)' })
  parseAccountIdUnderscore(value: string): string {
    return value;
  }

  @Option({ flags: '--account-id <uuid>', name: 'accountId' })
  parseAccountId(value: string): string {
    return value;
  }

  @Option({ flags: '--fuzzy_threshold <0..1>', name: 'fuzzyThreshold', description: 'Default RECON_FUZZY_THRESHOLD (also --fuzzy-threshold)' })
  parseFuzzyThresholdUnderscore(value: string): number {
    return numberFlag('--fuzzy_threshold', value);
  }

  @Option({ flags: '--fuzzy-threshold <0..1>', name: 'fuzzyThreshold' })
  parseFuzzyThreshold(value: string): number {
    return numberFlag('--fuzzy-threshold', value);
  }

  @Option({ flags: '--allowed_amount_diff <decimal>', name: 'allowedAmountDiff', description: 'Default RECON_ALLOWED_AMOUNT_DIFF (also --allowed-amount-diff)' })
  parseAllowedAmountDiffUnderscore(value: string): string {
    return decimalFlag('--allowed_amount_diff', value);
  }

  @Option({ flags: '--allowed-amount-diff <decimal>', name: 'allowedAmountDiff' })
  parseAllowedAmountDiff(value: string): string {
    return decimalFlag('--allowed-amount-diff', value);
  }

  @Option({ flags: '--max_time_diff_minutes <minutes>', name: 'maxTimeDiffMinutes', description: 'Default RECON_MAX_TIME_DIFF_MINUTES (also --max-time-diff-minutes)' })
  parseMaxTimeDiffUnderscore(value: string): number {
    return numberFlag('--max_time_diff_minutes', value);
  }

  @Option({ flags: '--max-time-diff-minutes <minutes>', name: 'maxTimeDiffMinutes' })
  parseMaxTimeDiff(value: string): number {
    return numberFlag('--max-time-diff-minutes', value);
  }
}

function numberFlag(flag: string, value: string): number {
  if (!/^\d+(\.\d+)?$/.test(value)) throw ValidationFailed.field(flag, 'must be a non-negative number');
  return Number(value);
}

function decimalFlag(flag: string, value: string): string {
  if (!/^\d{1,18}(\.\d{1,4})?$/.test(value)) throw ValidationFailed.field(flag, 'must be a non-negative decimal such as 0.05');
  return value;
}
