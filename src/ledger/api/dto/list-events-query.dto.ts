import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID, Matches } from 'class-validator';
import { LimitQueryDto } from './page-query.dto.js';

export class ListEventsQueryDto extends LimitQueryDto {
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

  @ApiPropertyOptional({ description: 'Only events after this position (the previous page\'s next_cursor)', example: '0' })
  @IsOptional()
  @Matches(/^\d{1,18}$/, { message: 'must be an event position (a non-negative integer)' })
  after?: string;
}
