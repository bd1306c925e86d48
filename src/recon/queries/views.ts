/** Response shapes of the recon API (snake_case; counts are numbers, money decimal strings). */
export interface ReconCounts {
  external_total: number;
  internal_total: number;
  rejected_rows: number;
  matched_exact: number;
  matched_fuzzy: number;
  unmatched_external: number;
  unmatched_internal: number;
}

export interface ReconJobDetails {
  job_id: string;
  source: string;
  date: string;
  /** The job's period of business dates, inclusive; date is its first day. */
  period_from: string;
  period_to: string;
  /** The later job of the same source and period that replaced this one (its matches were released). */
  superseded_by: string | null;
  account_id: string | null;
  trigger: 'api' | 'cli' | 'schedule';
  parameters: Record<string, unknown>;
  status: 'pending' | 'running' | 'completed' | 'failed';
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  error: string | null;
  counts: ReconCounts | null;
  /** The request id of the HTTP request that started the job; null from the CLI and the schedule. */
  correlation_id: string | null;
  /** Job-level findings (statement balance breaks, gaps, overlaps); on single-job reads only. */
  findings?: ReconFindingView[];
}

/** A finding about a statement as a whole, with its stable reason code. */
export interface ReconFindingView {
  code: string;
  statement_key: string | null;
  account: string | null;
  message: string;
}

export interface ReconSummaryView extends ReconCounts {
  /** Match groups: how many, and the external records and transfers they matched (counted as matched above). */
  matched_groups: number;
  matched_group_external: number;
  matched_group_internal: number;
  job_id: string;
  date: string;
  source: string;
  match_rate: number;
  amounts: Record<string, { external: string; internal: string; matched_external: string }>;
  findings?: ReconFindingView[];
}

export interface ReconLogView {
  id: string;
  job_id: string;
  side: 'external' | 'internal';
  external_id: string | null;
  external_line: number | null;
  internal_transfer_id: string | null;
  internal_reference: string | null;
  matched: boolean;
  match_type: 'exact' | 'tolerance' | 'fuzzy' | 'group' | null;
  /** The name of the source's rule that made the match (matched rows only). */
  rule: string | null;
  score: number | null;
  amount_diff: string | null;
  time_diff_minutes: number | null;
  currency: string | null;
  external_amount: string | null;
  internal_amount: string | null;
  reason: string | null;
  /** Machine-readable reason: matched_exact, matched_fuzzy, no_candidate, below_threshold, counterpart_taken, ... */
  reason_code: string | null;
  /** The match group the record belongs to (match_type 'group'); its other members' rows name the same id. */
  group_id: string | null;
}
