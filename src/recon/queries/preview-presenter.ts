import type { Decimal } from '../../common/money/decimal.js';
import type { ReconRecord } from '../domain/recon-record.js';
import type { SourceDialect } from '../domain/recon-source.js';
import type { SourcePreview } from '../domain/source-preview.js';
import { reconAmount } from './recon-presenter.js';
import type { ReconFindingView } from './views.js';

/** A record as a preview shows it: snake_case, amounts as decimal strings, dates as written. */
export interface PreviewRecordView {
  id: string;
  line: number | null;
  reference: string;
  end_to_end_id: string | null;
  amount: string;
  direction: 'credit' | 'debit' | null;
  currency: string;
  /** An instant (ISO 8601) for timed rows, the booking date (YYYY-MM-DD) for date-only ones. */
  booked: string;
  time_precision: 'time' | 'date';
  value_date: string | null;
  counterparty: string | null;
  description: string | null;
  group_id: string | null;
  statement_key: string | null;
}

export interface PreviewStatementView {
  key: string;
  account: string;
  currency: string;
  location: string;
  entries: number;
  /** Credits minus debits of the statement's records. */
  net: string;
  opening: { amount: string; date: string | null; derived: boolean } | null;
  closing: { amount: string; date: string } | null;
}

export interface SourcePreviewView {
  source: string;
  type: string;
  dialect: SourceDialect | null;
  records: PreviewRecordView[];
  records_total: number;
  rejected: { line: number; location: string | null; reason: string }[];
  rejected_total: number;
  statements: PreviewStatementView[];
  /** Balance breaks, gaps and overlaps; empty when every statement adds up. */
  findings: ReconFindingView[];
}

export function presentPreview(source: string, type: string, preview: SourcePreview): SourcePreviewView {
  return {
    source,
    type,
    dialect: preview.dialect,
    records: preview.records.map(presentRecord),
    records_total: preview.recordsTotal,
    rejected: preview.rejected.map((row) => ({ line: row.line, location: row.location ?? null, reason: row.reason })),
    rejected_total: preview.rejectedTotal,
    statements: preview.statements.map((statement) => ({
      key: statement.key,
      account: statement.account,
      currency: statement.currency,
      location: statement.location,
      entries: statement.entries,
      net: money(statement.net, statement.currency),
      opening: statement.opening ? { amount: money(statement.opening.amount, statement.currency), date: statement.opening.date ?? null, derived: statement.opening.date === undefined } : null,
      closing: statement.closing ? { amount: money(statement.closing.amount, statement.currency), date: statement.closing.date } : null,
    })),
    findings: preview.findings.map((finding) => ({ code: finding.code, statement_key: finding.statementKey, account: finding.account, message: finding.message })),
  };
}

function presentRecord(record: ReconRecord): PreviewRecordView {
  const dateOnly = record.timePrecision === 'date';
  return {
    id: record.key,
    line: record.line ?? null,
    reference: record.reference,
    end_to_end_id: record.endToEndId ?? null,
    amount: money(record.amount, record.currency),
    direction: record.direction ?? null,
    currency: record.currency,
    booked: dateOnly ? (record.bookingDate ?? record.occurredAt.toISOString().slice(0, 10)) : record.occurredAt.toISOString(),
    time_precision: dateOnly ? 'date' : 'time',
    value_date: record.valueDate ?? null,
    counterparty: record.counterparty ?? null,
    description: record.description ?? null,
    group_id: record.groupId ?? null,
    statement_key: record.statementKey ?? null,
  };
}

/** As jobs' logs show amounts: to the currency's minor unit ("250.00" EUR), never losing a digit the file had. */
function money(amount: Decimal, currency: string | null | undefined): string {
  return reconAmount(amount.toFixed(), currency ?? null)!;
}
