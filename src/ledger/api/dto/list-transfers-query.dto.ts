import { ApiHideProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { referenceLengthMax } from '../../domain/limits.js';
import { IsCurrencyCode, IsTimestampText, lowerCase } from './field-formats.js';
import { IsMetadataFilter } from './metadata-filter.js';
import { PageQueryDto } from './page-query.dto.js';

export class ListTransfersQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only transfers from or to this account' })
  @IsOptional()
  @lowerCase
  @IsUUID()
  account_id?: string;

  @ApiPropertyOptional({ example: 'INV-2025-0042', description: 'Exact reference' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(referenceLengthMax)
  reference?: string;

  @ApiPropertyOptional({ example: 'USD' })
  @IsOptional()
  @IsCurrencyCode()
  currency?: string;

  @ApiPropertyOptional({ example: '2025-07-13', description: 'Value time (occurred_at) at or after this instant (RFC 3339, or a date meaning 00:00 UTC)' })
  @IsOptional()
  @IsTimestampText()
  from?: string;

  @ApiPropertyOptional({ example: '2025-07-14', description: 'Value time (occurred_at) before this instant (exclusive)' })
  @IsOptional()
  @IsTimestampText()
  to?: string;

  @ApiPropertyOptional({ enum: ['asc', 'desc'], default: 'asc', description: 'Log order: asc = oldest first, desc = newest first. A cursor continues only its own order' })
  @IsOptional()
  @IsIn(['asc', 'desc'])
  order: 'asc' | 'desc' = 'asc';

  /** From `metadata.<key>=<value>` query keys (MetadataFilterInterceptor); described on the operation. */
  @ApiHideProperty()
  @IsOptional()
  @IsMetadataFilter()
  metadata?: Record<string, string>;
}
