import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { pageSizeDefault, pageSizeMax } from '../../domain/limits.js';

/** Query strings arrive as text; only an all-digit limit becomes a number, anything else fails @IsInt. */
export const toInteger = ({ value }: { value: unknown }) => (typeof value === 'string' && /^\d{1,6}$/.test(value) ? Number(value) : value);

export class LimitQueryDto {
  @ApiPropertyOptional({ example: 50, minimum: 1, maximum: pageSizeMax, default: pageSizeDefault })
  @IsOptional()
  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(pageSizeMax)
  limit: number = pageSizeDefault;
}

/**
 * Every list pages the same way: `limit`, and `cursor` = the previous page's `next_cursor` (null on the last
 * page). Cursors are opaque; one the API did not hand out is 400 INVALID_CURSOR, checked before any SQL.
 */
export class PageQueryDto extends LimitQueryDto {
  @ApiPropertyOptional({ description: 'next_cursor of the previous page (opaque)' })
  @IsOptional()
  @IsString()
  cursor?: string;
}
