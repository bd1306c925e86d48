/** OpenAPI examples for the recon read endpoints: the sample bank file reconciled against the seeded ledger. */
const jobId = '7d0b7c8e-2f43-4a3e-9d7e-0f6a1f1c2b3a';
const counts = { external_total: 3, internal_total: 3, rejected_rows: 0, matched_exact: 2, matched_fuzzy: 1, unmatched_external: 0, unmatched_internal: 0 };

export const statusExample = {
  job_id: jobId,
  source: 'bank_csv',
  date: '2025-07-13',
  status: 'completed',
  started_at: '2025-07-14T02:00:00.120Z',
  finished_at: '2025-07-14T02:00:00.410Z',
  error: null,
  counts,
  period_from: '2025-07-13',
  period_to: '2025-07-13',
  superseded_by: null,
};

export const jobExample = {
  ...statusExample,
  account_id: null,
  trigger: 'schedule',
  parameters: { fuzzy_threshold: 0.8, allowed_amount_diff: '0.05', max_time_diff_minutes: 60, file_path: 'bank_2025-07-13.csv' },
  created_at: '2025-07-14T02:00:00.050Z',
  correlation_id: null,
};

export const summaryExample = {
  job_id: jobId,
  date: '2025-07-13',
  source: 'bank_csv',
  ...counts,
  matched_groups: 0,
  matched_group_external: 0,
  matched_group_internal: 0,
  match_rate: 1,
  amounts: { USD: { external: '1759.99', internal: '1760.00', matched_external: '1759.99' } },
  findings: [],
};

export const logsExample = {
  data: [
    {
      id: '3',
      job_id: jobId,
      side: 'external',
      external_id: 'BNK-0003',
      external_line: 4,
      internal_transfer_id: 'b1f5c7a2-9d3e-4f60-8a41-2c7e5d9f0a13',
      internal_reference: 'TXN1003X',
      matched: true,
      match_type: 'fuzzy',
      score: 0.8675,
      amount_diff: '0.01',
      time_diff_minutes: 3,
      currency: 'USD',
      external_amount: '420.00',
      internal_amount: '420.01',
      reason: "rule 'fuzzy': fuzzy score 0.867500 at or above the threshold",
      reason_code: 'matched_fuzzy',
      group_id: null,
      rule: 'fuzzy',
    },
  ],
  next_cursor: null,
};
