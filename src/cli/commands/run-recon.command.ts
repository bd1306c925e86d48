import { Command, CommandRunner, Option } from 'nest-commander';
import { ValidationFailed } from '../../common/errors/domain-error.js';
import type { RunReconOptions } from '../jobs/run-recon.job.js';

/**
 * `run-recon --source bank_csv --date 2025-07-13 --file_path ./data/bank_dump.csv`: runs the job in this
 * process, prints its summary, and exits non-zero when the job fails. Each option is also accepted with
 * dashes (`--file-path`); see option-spelling.ts.
 */
@Command({ name: 'run-recon', description: 'Reconcile a source against the ledger for one business date' })
export class RunReconCliCommand extends CommandRunner {
  async run(_: string[], options: Partial<RunReconOptions>): Promise<void> {
    const { source } = options;
    if (!source) throw ValidationFailed.field('--source', 'is required');
    if (options.date !== undefined && (options.from !== undefined || options.to !== undefined)) throw ValidationFailed.field('--date', 'give --date, or --from and --to, not both');
    const from = options.date ?? options.from;
    const to = options.date ?? options.to;
    if (!from) throw ValidationFailed.field('--date', 'is required (or --from and --to)');
    if (!to) throw ValidationFailed.field('--to', 'is required with --from');
    const { runRecon } = await import('../jobs/run-recon.job.js');
    await runRecon({ ...options, source, date: from, to });
  }

  @Option({ flags: '--source <name>', description: 'A source named in RECON_SOURCES_FILE' })
  parseSource(value: string): string {
    return value;
  }

  @Option({ flags: '--date <YYYY-MM-DD>', description: 'Business date: a calendar day in the business time zone, RECON_BUSINESS_TIMEZONE (default UTC)' })
  parseDate(value: string): string {
    return value;
  }

  @Option({ flags: '--from <YYYY-MM-DD>', description: 'First business date of a period (with --to), instead of --date' })
  parseFrom(value: string): string {
    return value;
  }

  @Option({ flags: '--to <YYYY-MM-DD>', description: 'Last business date of the period, inclusive' })
  parseTo(value: string): string {
    return value;
  }

  @Option({ flags: '--file_path <path>', name: 'filePath', description: 'The file to reconcile' })
  parseFilePath(value: string): string {
    return value;
  }

  @Option({ flags: '--account_id <uuid>', name: 'accountId', description: 'Only ledger transfers touching this account' })
  parseAccountId(value: string): string {
    return value;
  }

  @Option({ flags: '--fuzzy_threshold <0..1>', name: 'fuzzyThreshold', description: 'Default RECON_FUZZY_THRESHOLD' })
  parseFuzzyThreshold(value: string): number {
    return numberFlag('--fuzzy_threshold', value);
  }

  @Option({ flags: '--allowed_amount_diff <decimal>', name: 'allowedAmountDiff', description: 'Default RECON_ALLOWED_AMOUNT_DIFF' })
  parseAllowedAmountDiff(value: string): string {
    return decimalFlag('--allowed_amount_diff', value);
  }

  @Option({ flags: '--max_time_diff_minutes <minutes>', name: 'maxTimeDiffMinutes', description: 'Default RECON_MAX_TIME_DIFF_MINUTES' })
  parseMaxTimeDiff(value: string): number {
    return numberFlag('--max_time_diff_minutes', value);
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
