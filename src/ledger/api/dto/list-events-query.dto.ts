import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';
import { pageSizeDefault, pageSizeMax } from '../../domain/limits.js';
import { toInteger } from './page-query.dto.js';

export class ListEventsQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  account_id?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  transfer_id?: string;

  @ApiPropertyOptional({ enum: ['AccountOpened', 'AccountDebited', 'AccountCredited'] })
  @IsOptional()
  @IsIn(['AccountOpened', 'AccountDebited', 'AccountCredited'])
  type?: string;

  @ApiPropertyOptional({ example: 50, minimum: 1, maximum: pageSizeMax, default: pageSizeDefault })
  @IsOptional()
  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(pageSizeMax)
  limit: number = pageSizeDefault;

  @ApiPropertyOptional({ description: 'Only events after this position (the previous page\'s next_cursor)', example: '0' })
  @IsOptional()
  @Matches(/^\d{1,18}$/, { message: 'must be an event position (a non-negative integer)' })
  after?: string;
}
