import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { IsMetadata } from '../../../common/http/is-metadata.validator.js';
import { metadataBytesMax, metadataDepthMax, referenceLengthMax } from '../../domain/limits.js';

/** UUIDs are case-insensitive; the ledger compares them as lower-case strings. */
const lowerCase = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.toLowerCase() : value);
/** RFC 3339 (date, time, optional fraction, Z or an offset), or a bare date meaning 00:00 UTC; years 1900-2099. */
const rfc3339 = /^(19|20)\d{2}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,9})?(Z|[+-]([01]\d|2[0-3]):[0-5]\d))?$/;

export class TransferDto {
  @ApiProperty({ example: '550e8400-e29b-41d4-a716-446655440000', description: 'Account debited' })
  @Transform(lowerCase)
  @IsUUID()
  source_account_id: string;

  @ApiProperty({ example: '550e8400-e29b-41d4-a716-446655440001', description: 'Account credited' })
  @Transform(lowerCase)
  @IsUUID()
  destination_account_id: string;

  @ApiProperty({ example: '100.50', description: 'Positive decimal STRING, at most the currency\'s minor-unit decimals and 18 integer digits. JSON numbers are refused.' })
  @IsString()
  amount: string;

  @ApiProperty({ example: 'USD', description: 'Must equal both accounts\' currency' })
  @IsString()
  @Matches(/^[A-Z]{3}$/, { message: 'must be an uppercase ISO 4217 code such as "USD"' })
  currency: string;

  @ApiPropertyOptional({ example: 'INV-2025-0042', description: 'External id (bank transaction id, invoice number) that reconciliation matches on' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(referenceLengthMax)
  reference?: string;

  @ApiPropertyOptional({ example: '2025-07-13T09:14:30Z', description: 'When the money moved (value time, ISO 8601). Default: now. Not in the future.' })
  @IsOptional()
  @IsString()
  @Matches(rfc3339, { message: 'must be an RFC 3339 timestamp such as "2025-07-13T09:14:30Z" or a date such as "2025-07-13"' })
  occurred_at?: string;

  @ApiPropertyOptional({ example: { description: 'Payment for services' } })
  @IsOptional()
  @IsMetadata(metadataBytesMax, metadataDepthMax)
  metadata?: Record<string, unknown>;
}
