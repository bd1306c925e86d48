import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString } from 'class-validator';
import { IsMetadata } from '../../../common/http/is-metadata.validator.js';
import { metadataBytesMax, metadataDepthMax } from '../../domain/limits.js';
import { IsAccountType, IsCurrencyCode } from './field-formats.js';

export class CreateAccountDto {
  @ApiProperty({ example: 'USD', description: 'ISO 4217 code, uppercase, from the enabled set (LEDGER_CURRENCIES)' })
  @IsCurrencyCode()
  currency: string;

  @ApiProperty({ example: 'user', description: 'Free classification: user, internal, merchant, fee, ... (lowercase, 1-32 chars)' })
  @IsAccountType()
  type: string;

  @ApiPropertyOptional({ example: { name: 'John Doe' }, description: 'Free JSON object, at most 8 KiB and 5 levels deep' })
  @IsOptional()
  @IsMetadata(metadataBytesMax, metadataDepthMax)
  metadata?: Record<string, unknown>;

  @ApiPropertyOptional({ example: false, description: 'May the balance go below zero? Default: LEDGER_ALLOW_OVERDRAFT (false); true when overdraft_limit is given' })
  @IsOptional()
  @IsBoolean()
  allow_overdraft?: boolean;

  @ApiPropertyOptional({ example: '1000.00', description: 'Decimal string: how far below zero the balance may go. Omitted with allow_overdraft=true: no limit' })
  @IsOptional()
  @IsString()
  overdraft_limit?: string;
}
