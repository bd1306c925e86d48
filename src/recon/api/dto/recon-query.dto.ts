import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { LimitQueryDto } from '../../../ledger/api/dto/page-query.dto.js';
import { IsBusinessDate } from './is-business-date.js';

const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class SourceQueryDto {
  @ApiPropertyOptional({ example: 'bank_csv' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  source?: string;
}

export class SummaryQueryDto extends SourceQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'A specific job instead of the latest of (source, date)' })
  @IsOptional()
  @IsUUID()
  job_id?: string;
}

export class JobsQueryDto extends SourceQueryDto {
  @ApiPropertyOptional({ example: '2025-07-13', description: 'Jobs whose period covers this date' })
  @IsOptional()
  @IsBusinessDate()
  date?: string;

  @ApiPropertyOptional({ example: '2025-07-01', description: 'Jobs whose period ends on or after this date' })
  @IsOptional()
  @IsBusinessDate()
  from?: string;

  @ApiPropertyOptional({ example: '2025-07-31', description: 'Jobs whose period starts on or before this date' })
  @IsOptional()
  @IsBusinessDate()
  to?: string;
}

export class LogsQueryDto extends LimitQueryDto {
  @ApiPropertyOptional({ example: 'bank_csv' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  source?: string;

  @ApiPropertyOptional({ example: '2025-07-13', description: 'Required unless job_id is given' })
  @IsOptional()
  @IsBusinessDate()
  date?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  job_id?: string;

  @ApiPropertyOptional({ example: false, description: 'true: matched pairs only; false: unmatched and rejected rows only' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  matched?: boolean;

  @ApiPropertyOptional({ description: 'next_cursor of the previous page' })
  @IsOptional()
  @Matches(/^\d{1,18}$/, { message: 'is not a cursor returned by this API' })
  cursor?: string;
}
