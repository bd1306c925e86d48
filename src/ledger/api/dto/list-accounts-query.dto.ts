import { ApiHideProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsAccountType, IsCurrencyCode } from './field-formats.js';
import { IsMetadataFilter } from './metadata-filter.js';
import { PageQueryDto } from './page-query.dto.js';

export class ListAccountsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'USD' })
  @IsOptional()
  @IsCurrencyCode()
  currency?: string;

  @ApiPropertyOptional({ example: 'user' })
  @IsOptional()
  @IsAccountType()
  type?: string;

  /** From `metadata.<key>=<value>` query keys (MetadataFilterInterceptor); described on the operation. */
  @ApiHideProperty()
  @IsOptional()
  @IsMetadataFilter()
  metadata?: Record<string, string>;
}
