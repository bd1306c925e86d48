import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID } from 'class-validator';
import { lowerCase } from './field-formats.js';
import { PageQueryDto } from './page-query.dto.js';

export class ListEventsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @lowerCase
  @IsUUID()
  account_id?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @lowerCase
  @IsUUID()
  transfer_id?: string;

  @ApiPropertyOptional({ enum: ['AccountOpened', 'AccountDebited', 'AccountCredited'] })
  @IsOptional()
  @IsIn(['AccountOpened', 'AccountDebited', 'AccountCredited'])
  type?: string;

  @ApiPropertyOptional({ description: 'Alias of cursor (the previous page\'s next_cursor, an event position): only events after it', example: '0' })
  @IsOptional()
  @IsString()
  after?: string;
}
