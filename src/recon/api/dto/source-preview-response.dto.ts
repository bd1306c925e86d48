import { ApiProperty } from '@nestjs/swagger';
import type { PreviewRecordView, PreviewStatementView, SourcePreviewView } from '../../queries/preview-presenter.js';
import { ReconFindingResponse } from './recon-responses.dto.js';

/** The documented shape of a preview; PreviewSourceHandler returns SourcePreviewView. */
class PreviewRecordResponse implements PreviewRecordView {
  @ApiProperty({ example: '2025033100012' }) id: string;
  @ApiProperty({ nullable: true, type: Number, example: 14 }) line: number | null;
  @ApiProperty({ example: 'INV-2025-0042' }) reference: string;
  @ApiProperty({ nullable: true, type: String, example: 'E2E-77812' }) end_to_end_id: string | null;
  @ApiProperty({ example: '1250.00' }) amount: string;
  @ApiProperty({ enum: ['credit', 'debit'], nullable: true, type: String, example: 'credit' }) direction: 'credit' | 'debit' | null;
  @ApiProperty({ example: 'EUR' }) currency: string;
  @ApiProperty({ example: '2025-03-31', description: 'The booking date for date-only rows, else an ISO 8601 instant' }) booked: string;
  @ApiProperty({ enum: ['time', 'date'], example: 'date' }) time_precision: 'time' | 'date';
  @ApiProperty({ nullable: true, type: String, example: '2025-04-01' }) value_date: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'ACME GmbH' }) counterparty: string | null;
  @ApiProperty({ nullable: true, type: String, example: null }) description: string | null;
  @ApiProperty({ nullable: true, type: String, example: null, description: 'Shared by the details of one batch entry' }) group_id: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'mt940:1' }) statement_key: string | null;
}

class PreviewBalanceResponse {
  @ApiProperty({ example: '1000.00' }) amount: string;
  @ApiProperty({ nullable: true, type: String, example: '2025-03-30' }) date: string | null;
}

class PreviewOpeningResponse extends PreviewBalanceResponse {
  @ApiProperty({ example: false, description: 'True when the format gives no opening balance (OFX): closing minus entries' }) derived: boolean;
}

class PreviewStatementResponse implements PreviewStatementView {
  @ApiProperty({ example: 'mt940:1' }) key: string;
  @ApiProperty({ example: 'DE89370400440532013000' }) account: string;
  @ApiProperty({ example: 'EUR' }) currency: string;
  @ApiProperty({ example: 'line 3' }) location: string;
  @ApiProperty({ example: 12 }) entries: number;
  @ApiProperty({ example: '250.00', description: 'Credits minus debits of the statement’s records' }) net: string;
  @ApiProperty({ type: PreviewOpeningResponse, nullable: true }) opening: PreviewOpeningResponse | null;
  @ApiProperty({ type: PreviewBalanceResponse, nullable: true }) closing: { amount: string; date: string } | null;
}

class PreviewRejectedResponse {
  @ApiProperty({ example: 17 }) line: number;
  @ApiProperty({ nullable: true, type: String, example: null, description: 'Entry index and element path for XML formats' }) location: string | null;
  @ApiProperty({ example: "amount: '12,3,4' is not an amount" }) reason: string;
}

export class ReconSourcePreviewResponse implements SourcePreviewView {
  @ApiProperty({ example: 'bank_mt940' }) source: string;
  @ApiProperty({ example: 'mt940' }) type: string;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true, example: { format: 'csv', encoding: 'latin1', delimiter: ';', delimiter_detected: true, header_line: 2 } })
  dialect: Record<string, string | number | boolean | readonly string[]> | null;
  @ApiProperty({ type: [PreviewRecordResponse], description: 'The first records (limit, default 20)' }) records: PreviewRecordResponse[];
  @ApiProperty({ example: 412 }) records_total: number;
  @ApiProperty({ type: [PreviewRejectedResponse], description: 'Rejected rows with their reasons (the first 200)' }) rejected: PreviewRejectedResponse[];
  @ApiProperty({ example: 1 }) rejected_total: number;
  @ApiProperty({ type: [PreviewStatementResponse] }) statements: PreviewStatementResponse[];
  @ApiProperty({ type: [ReconFindingResponse], description: 'Balance breaks, gaps and overlaps' }) findings: ReconFindingResponse[];
}
