import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, Matches } from 'class-validator';
import { IsMetadata } from '../../../common/http/is-metadata.validator.js';
import { metadataBytesMax, metadataDepthMax } from '../../domain/limits.js';

export class CreateAccountDto {
  @ApiProperty({ example: 'USD', description: 'ISO 4217 code, uppercase, from the enabled set (LEDGER_CURRENCIES)' })
  @IsString()
  @Matches(/^[A-Z]{3}$/, { message: 'must be an uppercase ISO 4217 code such as "USD"' })
  currency: string;

  @ApiProperty({ example: 'user', description: 'Free classification: user, internal, merchant, fee, ... (lowercase, 1-32 chars)' })
  @IsString()
  @Matches(/^[a-z][a-z0-9_]{0,31}$/, { message: 'must be 1-32 lowercase letters, digits or underscores, starting with a letter' })
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
