import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { findingKinds, type FindingKind } from '../../audit/ledger-audit.js';
import type { VerificationReport } from '../../audit/ledger-verifier.js';

export class VerifyFindingResponse {
  @ApiProperty({ enum: findingKinds, example: 'projection_mismatch' }) kind: FindingKind;
  @ApiProperty({ example: 'account 0b5e...: projection says 10.0000 at version 2, the log says 0 at version 2' }) message: string;
  @ApiPropertyOptional({ example: '8', description: 'Position of the event concerned' }) position?: string;
  @ApiPropertyOptional({ format: 'uuid' }) account_id?: string;
}

export class VerifyReportResponse {
  @ApiProperty({ example: true, description: 'Whether the log is whole (no findings)' }) ok: boolean;
  @ApiProperty({ example: 17 }) events: number;
  @ApiProperty({ example: 5 }) accounts: number;
  @ApiProperty({ example: 6 }) transfers: number;
  @ApiProperty({ example: '03da45a1...', description: 'Hash of the last event; keep it where the database superuser cannot write, and compare' }) head_hash: string;
  @ApiProperty({ type: [VerifyFindingResponse], description: 'At most 1,000' }) findings: VerifyFindingResponse[];
}

/** The CLI's report in the API's snake_case. */
export function toVerifyReportResponse(report: VerificationReport): VerifyReportResponse {
  const { headHash, findings, ...counts } = report;
  return {
    ...counts,
    head_hash: headHash,
    findings: findings.map(({ accountId, ...finding }) => ({ ...finding, ...(accountId !== undefined && { account_id: accountId }) })),
  };
}
