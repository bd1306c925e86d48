import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
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

export class PageQueryDto extends LimitQueryDto {
  @ApiPropertyOptional({ description: 'next_cursor from the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  cursor?: string;
}

export class StatementQueryDto extends LimitQueryDto {
  @ApiPropertyOptional({ description: 'next_cursor (a stream version) of the previous page', example: '3' })
  @IsOptional()
  @Matches(/^\d{1,18}$/, { message: 'is not a cursor returned by this API' })
  cursor?: string;
}
