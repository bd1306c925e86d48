import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { IsMetadata } from '../../../common/http/is-metadata.validator.js';
import { metadataBytesMax, metadataDepthMax, referenceLengthMax } from '../../domain/limits.js';
import { IsCurrencyCode, IsTimestampText, lowerCase } from './field-formats.js';

export class TransferDto {
  @ApiProperty({ format: 'uuid', example: '550e8400-e29b-41d4-a716-446655440000', description: 'Account debited' })
  @lowerCase
  @IsUUID()
  source_account_id: string;

  @ApiProperty({ format: 'uuid', example: '550e8400-e29b-41d4-a716-446655440001', description: 'Account credited' })
  @lowerCase
  @IsUUID()
  destination_account_id: string;

  @ApiProperty({ example: '100.50', description: 'Positive decimal STRING, at most the currency\'s minor-unit decimals and 18 integer digits. JSON numbers are refused.' })
  @IsString()
  amount: string;

  @ApiProperty({ example: 'USD', description: 'Must equal both accounts\' currency' })
  @IsCurrencyCode()
  currency: string;

  @ApiPropertyOptional({ example: 'INV-2025-0042', description: 'External id (bank transaction id, invoice number) that reconciliation matches on' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(referenceLengthMax)
  reference?: string;

  @ApiPropertyOptional({ example: '2025-07-13T09:14:30Z', description: 'When the money moved (value time, ISO 8601). Default: now. Not in the future.' })
  @IsOptional()
  @IsTimestampText()
  occurred_at?: string;

  @ApiPropertyOptional({ example: { description: 'Payment for services' } })
  @IsOptional()
  @IsMetadata(metadataBytesMax, metadataDepthMax)
  metadata?: Record<string, unknown>;
}
