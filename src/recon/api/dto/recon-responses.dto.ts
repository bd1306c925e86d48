import { ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import type { ReconJobView } from '../../commands/run-recon/run-recon.command.js';
import type { ReconCounts, ReconFindingView, ReconJobDetails, ReconLogView, ReconSummaryView } from '../../queries/views.js';

/** The documented shapes of the recon API's answers; the views they implement are what the handlers return. */
const jobStatuses = ['pending', 'running', 'completed', 'failed'];

export class ReconRunAccepted implements ReconJobView {
  @ApiProperty({ format: 'uuid' }) job_id: string;
  @ApiProperty({ enum: jobStatuses, example: 'pending' }) status: ReconJobView['status'];
}

export class ReconCountsResponse implements ReconCounts {
  @ApiProperty({ example: 3, description: 'Rows of the external side, rejected rows included' }) external_total: number;
  @ApiProperty({ example: 3 }) internal_total: number;
  @ApiProperty({ example: 0, description: 'Input rows that could not be read; see the logs for their reasons' }) rejected_rows: number;
  @ApiProperty({ example: 2 }) matched_exact: number;
  @ApiProperty({ example: 1 }) matched_fuzzy: number;
  @ApiProperty({ example: 0 }) unmatched_external: number;
  @ApiProperty({ example: 0 }) unmatched_internal: number;
}

class ReconParametersResponse {
  @ApiProperty({ example: 0.8 }) fuzzy_threshold: number;
  @ApiProperty({ example: '0.05', description: 'Decimal string, in currency units' }) allowed_amount_diff: string;
  @ApiProperty({ example: 60 }) max_time_diff_minutes: number;
  @ApiPropertyOptional({ example: '/srv/tally/data/bank_dump.csv', description: 'The file read, when the source reads files' }) file_path?: string;
}

export class ReconFindingResponse implements ReconFindingView {
  @ApiProperty({ enum: ['statement_balance_break', 'statement_gap', 'statement_overlap', 'statement_currency_mismatch'], example: 'statement_balance_break' }) code: string;
  @ApiProperty({ nullable: true, type: String, example: 'mt940:1' }) statement_key: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'NL91ABNA0417164300' }) account: string | null;
  @ApiProperty({ example: 'line 4: opening 100.00 + entries 20.00 = 120.00, but the closing balance is 125.00 EUR (difference 5.00)' }) message: string;
}

export class ReconStatusResponse implements Pick<ReconJobDetails, 'job_id' | 'source' | 'date' | 'period_from' | 'period_to' | 'status' | 'started_at' | 'finished_at' | 'error' | 'counts' | 'superseded_by'> {
  @ApiProperty({ format: 'uuid' }) job_id: string;
  @ApiProperty({ example: 'bank_csv' }) source: string;
  @ApiProperty({ format: 'date', example: '2025-07-13' }) date: string;
  @ApiProperty({ enum: jobStatuses, example: 'completed' }) status: ReconJobDetails['status'];
  @ApiProperty({ format: 'date-time', nullable: true, type: String, example: '2025-07-14T02:00:00.120Z' }) started_at: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, example: '2025-07-14T02:00:00.410Z' }) finished_at: string | null;
  @ApiProperty({ nullable: true, type: String, example: null, description: 'Why a failed job failed' }) error: string | null;
  @ApiProperty({ type: ReconCountsResponse, nullable: true, description: 'Null until the job has completed' }) counts: ReconCountsResponse | null;
  @ApiProperty({ format: 'date', example: '2025-07-13', description: 'First business date of the period' }) period_from: string;
  @ApiProperty({ format: 'date', example: '2025-07-13', description: 'Last business date of the period (inclusive)' }) period_to: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, example: null, description: 'The later job of the same source and period that replaced this one; its matches no longer hold' }) superseded_by: string | null;
  @ApiPropertyOptional({ type: [ReconFindingResponse], description: 'Job-level findings about statement files (balance breaks, gaps, overlaps); absent from job lists' })
  findings?: ReconFindingResponse[];
}

export class ReconJobResponse extends ReconStatusResponse implements ReconJobDetails {
  @ApiProperty({ format: 'uuid', nullable: true, type: String, example: null, description: 'Only ledger transfers from or to this account' }) account_id: string | null;
  @ApiProperty({ enum: ['api', 'cli', 'schedule'], example: 'api' }) trigger: ReconJobDetails['trigger'];
  @ApiProperty({ type: ReconParametersResponse }) parameters: Record<string, unknown>;
  @ApiProperty({ format: 'date-time', example: '2025-07-14T02:00:00.050Z' }) created_at: string;
  @ApiProperty({ nullable: true, type: String, example: '3f1c2b7a-9e4d-4c1a-8b2f-6d5e4a3b2c1d', description: 'The request id (X-Request-Id) of the request that started the job' }) correlation_id: string | null;
}

export class ReconJobListResponse {
  @ApiProperty({ type: [ReconJobResponse], description: 'At most 100 jobs, newest first' }) data: ReconJobResponse[];
}

export class ReconCurrencyAmounts {
  @ApiProperty({ example: '1759.99' }) external: string;
  @ApiProperty({ example: '1760' }) internal: string;
  @ApiProperty({ example: '1759.99' }) matched_external: string;
}

export class ReconSummaryResponse extends ReconCountsResponse implements ReconSummaryView {
  @ApiProperty({ format: 'uuid' }) job_id: string;
  @ApiProperty({ format: 'date', example: '2025-07-13' }) date: string;
  @ApiProperty({ example: 'bank_csv' }) source: string;
  @ApiProperty({ example: 0, description: 'Match groups (one record against several on the other side, docs/recon-matching.md)' }) matched_groups: number;
  @ApiProperty({ example: 0, description: 'External records matched in groups (counted in match_rate and unmatched_external)' }) matched_group_external: number;
  @ApiProperty({ example: 0, description: 'Ledger transfers matched in groups (counted in unmatched_internal)' }) matched_group_internal: number;
  @ApiProperty({ example: 1, minimum: 0, maximum: 1, description: 'Matched external records over all external rows, rejected rows included' }) match_rate: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: getSchemaPath(ReconCurrencyAmounts) },
    description: 'Totals per currency (ISO 4217 code), as decimal strings',
    example: { USD: { external: '1759.99', internal: '1760', matched_external: '1759.99' } },
  })
  amounts: Record<string, ReconCurrencyAmounts>;
  @ApiProperty({ type: [ReconFindingResponse], description: 'Job-level findings about statement files (balance breaks, gaps, overlaps)' }) findings: ReconFindingResponse[];
}

export class ReconLogResponse implements ReconLogView {
  @ApiProperty({ example: '3', description: 'Position in the job log (a string: it is a 64-bit integer)' }) id: string;
  @ApiProperty({ format: 'uuid' }) job_id: string;
  @ApiProperty({ enum: ['external', 'internal'], example: 'external' }) side: ReconLogView['side'];
  @ApiProperty({ nullable: true, type: String, example: 'BNK-0003' }) external_id: string | null;
  @ApiProperty({ nullable: true, type: Number, example: 4, description: 'Line in the input file' }) external_line: number | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) internal_transfer_id: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'TXN1003X' }) internal_reference: string | null;
  @ApiProperty({ example: true }) matched: boolean;
  @ApiProperty({ enum: ['exact', 'tolerance', 'fuzzy', 'group'], nullable: true, type: String, example: 'fuzzy', description: 'The kind of the rule that made the match (group: a match group, see group_id)' }) match_type: ReconLogView['match_type'];
  @ApiProperty({ nullable: true, type: String, example: 'fuzzy', description: 'The name of the source rule that made the match (first match wins)' }) rule: string | null;
  @ApiProperty({ nullable: true, type: Number, example: 0.8675 }) score: number | null;
  @ApiProperty({ nullable: true, type: String, example: '0.0100' }) amount_diff: string | null;
  @ApiProperty({ nullable: true, type: Number, example: 3 }) time_diff_minutes: number | null;
  @ApiProperty({ nullable: true, type: String, example: 'USD' }) currency: string | null;
  @ApiProperty({ nullable: true, type: String, example: '420.0000' }) external_amount: string | null;
  @ApiProperty({ nullable: true, type: String, example: '420.0100' }) internal_amount: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'fuzzy score 0.8675 at or above the threshold' }) reason: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'matched_fuzzy', description: 'Machine-readable reason (matched_exact, matched_fuzzy, no_candidate, below_threshold, counterpart_taken, amount_outside_tolerance, currency_unsupported, out_of_period, malformed_row, matched_group, ambiguous_group, group_search_capped)' }) reason_code: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, example: null, description: 'The match group of the record (match_type group): every row of the group names it' }) group_id: string | null;
}

export class ReconLogPageResponse {
  @ApiProperty({ type: [ReconLogResponse] }) data: ReconLogResponse[];
  @ApiProperty({ nullable: true, type: String, example: null, description: 'Pass as `cursor` for the next page' }) next_cursor: string | null;
}
