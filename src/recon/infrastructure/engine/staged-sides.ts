import { Decimal } from '../../../common/money/decimal.js';
import type { ReconRecord, ReconSide } from '../../domain/recon-record.js';
import type { LedgerCandidate } from '../../domain/rules/ledger-candidate.js';

/**
 * Both sides of a job as SQL row sets with the same columns (key, line, reference, amount, currency,
 * occurred_at, in_period: external records outside the period are never staged; time_precision and
 * booking_date, end_to_end_id and counterparty of external records, business_day and metadata of transfers,
 * direction of either), without the records another
 * live job claimed (they are logged apart), so one query template serves either side. $1 is always the job id.
 */
export const sideRows: Record<ReconSide, string> = {
  external: `SELECT external_id AS key, line, reference, amount, currency, occurred_at, true AS in_period, time_precision, booking_date, NULL::date AS business_day, direction,
                    end_to_end_id, counterparty, NULL::jsonb AS metadata
             FROM recon_staging WHERE job_id = $1 AND claimed_by IS NULL`,
  internal: `SELECT transfer_id::text AS key, NULL::int AS line, reference, amount, currency, occurred_at, in_period, NULL::text AS time_precision, NULL::date AS booking_date, business_day, direction,
                    NULL::text AS end_to_end_id, NULL::text AS counterparty, metadata
             FROM recon_staging_ledger WHERE job_id = $1 AND claimed_by IS NULL`,
};

/** The key column of a side in recon_staging_matches. */
export const matchKey: Record<ReconSide, string> = { external: 'external_id', internal: 'transfer_id::text' };

export const otherSide = (side: ReconSide): ReconSide => (side === 'external' ? 'internal' : 'external');

/** JavaScript's String.prototype.trim for the whitespace that occurs in references. */
export const trimmed = (column: string) => `btrim(${column}, E' \\t\\n\\r\\f\\v')`;

/** Key order the domain uses (code units), not the server's locale. */
export const keyOrder = (column: string) => `${column} COLLATE "C"`;

/** Milliseconds between two timestamptz columns, whole, as the domain measures. */
export const msBetween = (a: string, b: string) => `abs(round(extract(epoch FROM ${a} - ${b}) * 1000))::bigint`;

/** One row of a side as read back from SQL. */
export interface SideRow {
  key: string;
  line: number | null;
  reference: string;
  amount: string;
  currency: string;
  occurred_at: Date;
  /** Absent (or null) when a query does not read them. */
  time_precision?: string | null;
  booking_date?: string | null;
  direction?: string | null;
  end_to_end_id?: string | null;
  counterparty?: string | null;
  /** A transfer's metadata as stored (jsonb, parsed by pg). */
  metadata?: Record<string, unknown> | null;
}

export function recordOf(side: ReconSide, row: SideRow): ReconRecord {
  return {
    side,
    key: row.key,
    reference: row.reference,
    amount: new Decimal(row.amount),
    currency: row.currency,
    occurredAt: row.occurred_at,
    ...(row.line !== null && { line: row.line }),
    ...(row.time_precision === 'date' && { timePrecision: 'date' as const }),
    ...(row.booking_date != null && { bookingDate: row.booking_date }),
    ...((row.direction === 'credit' || row.direction === 'debit') && { direction: row.direction }),
    ...(row.end_to_end_id != null && { endToEndId: row.end_to_end_id }),
    ...(row.counterparty != null && { counterparty: row.counterparty }),
  };
}

/**
 * A staged transfer as rules see it. Only metadata values that are JSON strings are kept: rules compare
 * identifiers as text, and a number or object is not an identifier a bank would quote.
 */
export function ledgerCandidateOf(row: SideRow): LedgerCandidate {
  const record = recordOf('internal', row);
  const metadata = Object.fromEntries(Object.entries(row.metadata ?? {}).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  return {
    id: record.key,
    reference: record.reference,
    metadata,
    amount: record.amount,
    currency: record.currency,
    occurredAt: record.occurredAt,
    ...(record.direction !== undefined && { direction: record.direction }),
  };
}

/**
 * Width of the amount buckets used for blocking: two amounts within `allowed` of each other fall in the
 * same or a neighbouring bucket. Zero tolerance still needs a positive width.
 */
export function bucketWidth(allowed: Decimal): string {
  return allowed.isZero() ? '0.0001' : allowed.toFixed();
}
