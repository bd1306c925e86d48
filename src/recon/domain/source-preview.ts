import type { ReconRecord } from './recon-record.js';
import { settleRepeatedIds } from './repeated-ids.js';
import type { SourceDialect, SourceItem } from './recon-source.js';
import { StatementBalanceCheck, type CheckedStatement, type RecordedStatement, type StatementFinding } from './statement-balance-check.js';

/** How much of a file a preview shows; it still reads the whole file, to count and to check balances. */
export interface PreviewLimits {
  readonly records: number;
  readonly rejected: number;
}

export interface SourcePreview {
  readonly dialect: SourceDialect | null;
  readonly records: readonly ReconRecord[];
  readonly recordsTotal: number;
  readonly rejected: readonly { readonly line: number; readonly location?: string; readonly reason: string }[];
  readonly rejectedTotal: number;
  readonly statements: readonly CheckedStatement[];
  readonly findings: readonly StatementFinding[];
}

/**
 * Everything a source yields for a file, kept to a bounded sample: the first records, the first rejections
 * with their reasons, the dialect it detected, and each statement's balance check (against the statements
 * on record, through `previous`), without creating a job or writing anything. Ids repeated in the file are
 * settled as a job settles them (repeated-ids.ts).
 */
export async function previewSource(
  items: AsyncIterable<SourceItem>,
  previous: (statements: readonly CheckedStatement[]) => Promise<ReadonlyMap<string, RecordedStatement>>,
  limits: PreviewLimits,
): Promise<SourcePreview> {
  const balances = new StatementBalanceCheck();
  const records: ReconRecord[] = [];
  const rejected: { line: number; location?: string; reason: string }[] = [];
  let dialect: SourceDialect | null = null;
  let recordsTotal = 0;
  let rejectedTotal = 0;
  // Repeated ids settled as a job settles them in staging, so the preview shows the keys a job would use.
  for await (const item of settleRepeatedIds(items)) {
    balances.observe(item);
    if (item.kind === 'dialect') dialect = item.dialect;
    if (item.kind === 'record') {
      recordsTotal += 1;
      if (records.length < limits.records) records.push(item.record);
    }
    if (item.kind === 'rejected') {
      rejectedTotal += 1;
      if (rejected.length < limits.rejected) rejected.push({ line: item.line, ...(item.location !== undefined && { location: item.location }), reason: item.reason });
    }
  }
  const onRecord = await previous(balances.checked());
  const { statements, findings } = balances.finish((statement) => onRecord.get(statement.key));
  return { dialect, records, recordsTotal, rejected, rejectedTotal, statements, findings };
}
