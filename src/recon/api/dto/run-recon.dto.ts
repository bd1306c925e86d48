import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBusinessDate } from './is-business-date.js';
import { IsInt, IsNumber, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';

/** Multipart fields arrive as text: numeric fields are converted only when they are plain numerals. */
const toNumber = ({ value }: { value: unknown }) => (typeof value === 'string' && /^\d+(\.\d+)?$/.test(value) ? Number(value) : value);

export class RunReconDto {
  @ApiProperty({ example: 'bank_csv', description: 'A source named in RECON_SOURCES_FILE' })
  @IsString()
  @Matches(/^[a-z][a-z0-9_]{0,63}$/, { message: 'must be a configured source name' })
  source: string;

  @ApiPropertyOptional({ example: '2025-07-13', description: 'Business date, YYYY-MM-DD: a period of one day. Give date, or from and to' })
  @IsOptional()
  @IsString()
  @IsBusinessDate()
  date?: string;

  @ApiPropertyOptional({ example: '2025-07-13', description: 'First business date of the period (with to)' })
  @IsOptional()
  @IsString()
  @IsBusinessDate()
  from?: string;

  @ApiPropertyOptional({ example: '2025-07-15', description: 'Last business date of the period, inclusive, at most 31 days after from' })
  @IsOptional()
  @IsString()
  @IsBusinessDate()
  to?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only ledger transfers from or to this account' })
  @IsOptional()
  @IsUUID()
  account_id?: string;

  @ApiPropertyOptional({ example: 'bank_dump.csv', description: 'A file inside RECON_INBOX_DIR (relative to it, or absolute inside it)' })
  @IsOptional()
  @IsString()
  @MaxLength(1024)
  file_path?: string;

  @ApiPropertyOptional({ example: 0.8, minimum: 0, maximum: 1 })
  @IsOptional()
  @Transform(toNumber)
  @IsNumber()
  @Min(0)
  @Max(1)
  fuzzy_threshold?: number;

  @ApiPropertyOptional({ example: '0.05', description: 'Decimal string, in currency units' })
  @IsOptional()
  @IsString()
  @Matches(/^\d{1,18}(\.\d{1,4})?$/, { message: 'must be a non-negative decimal string such as "0.05"' })
  allowed_amount_diff?: string;

  @ApiPropertyOptional({ example: 60, minimum: 0, maximum: 10080 })
  @IsOptional()
  @Transform(toNumber)
  @IsInt()
  @Min(0)
  @Max(10_080)
  max_time_diff_minutes?: number;
}

/**
 * The multipart form of a run, for the OpenAPI document only: the same fields (as text) and the CSV itself.
 * The fields are validated as RunReconDto; the file is read by receiveRunRequest.
 */
export class RunReconUpload extends RunReconDto {
  @ApiPropertyOptional({ type: 'string', format: 'binary', description: 'The CSV to reconcile, instead of file_path' })
  file?: unknown;
}
