import { isAbsolute, relative, sep } from 'node:path';
import { Decimal } from '../../common/money/decimal.js';
import { isoCurrencyCodes } from '../../ledger/domain/currency.js';
import { formatAmount } from '../../ledger/domain/money.js';
import type { ReconJobDetails, ReconLogView, ReconSummaryView } from './views.js';

/**
 * Shapes what the recon tables hold into what the API shows. Done when reading, so rows written by any
 * version (NUMERIC(38,4) amounts, absolute file paths) answer the same way.
 */

const isoCurrencies: ReadonlySet<string> = new Set(isoCurrencyCodes);

/**
 * An amount to its currency's minor unit ("1250.00" USD, "1760" JPY), as the ledger formats it. A file amount
 * finer than the minor unit keeps its digits ("0.005" USD) rather than being rounded into another amount, and a
 * currency outside ISO 4217 (logged unmatched) is shown without trailing zeros.
 */
export function reconAmount(value: string | null, currency: string | null): string | null {
  if (value === null) return null;
  const amount = new Decimal(value);
  if (currency === null || !isoCurrencies.has(currency)) return amount.toFixed();
  const formatted = formatAmount(amount, currency);
  return new Decimal(formatted).equals(amount) ? formatted : amount.toFixed();
}

export function presentLog(log: ReconLogView): ReconLogView {
  return {
    ...log,
    amount_diff: reconAmount(log.amount_diff, log.currency),
    external_amount: reconAmount(log.external_amount, log.currency),
    internal_amount: reconAmount(log.internal_amount, log.currency),
  };
}

export function presentSummary(summary: ReconSummaryView): ReconSummaryView {
  const amounts = Object.fromEntries(
    Object.entries(summary.amounts).map(([currency, sums]) => [
      currency,
      Object.fromEntries(Object.entries(sums).map(([side, value]) => [side, reconAmount(value, currency)])) as typeof sums,
    ]),
  );
  return { ...summary, amounts };
}

export interface ReconDirectories {
  readonly inboxDir: string;
  readonly uploadDir: string;
}

/**
 * A job without the server's absolute paths: an upload is named by its id (`upload_id`), a file of the inbox
 * by its path inside the inbox (as an API client gives `file_path`), and any other file (the CLI may read
 * any) by its name alone (`file_name`).
 */
export function presentJob(job: ReconJobDetails, directories: ReconDirectories): ReconJobDetails {
  const { file_path: filePath, ...parameters } = job.parameters;
  if (typeof filePath !== 'string') return job;
  return { ...job, parameters: { ...parameters, ...fileOf(filePath, directories) } };
}

function fileOf(filePath: string, { inboxDir, uploadDir }: ReconDirectories): Record<string, string | null> {
  const inUploads = inside(uploadDir, filePath);
  if (inUploads !== undefined && /^[0-9a-f-]{36}\.csv$/.test(inUploads)) return { file_path: null, upload_id: inUploads.slice(0, 36) };
  const inInbox = inside(inboxDir, filePath);
  if (inInbox !== undefined) return { file_path: inInbox };
  return { file_path: null, file_name: filePath.split(/[\\/]/).pop() ?? '' };
}

/** The path of `filePath` relative to `dir` when it lies inside it, with `/` separators. */
function inside(dir: string, filePath: string): string | undefined {
  const path = relative(dir, filePath);
  if (path === '' || path === '..' || path.startsWith(`..${sep}`) || isAbsolute(path)) return undefined;
  return path.split(sep).join('/');
}
