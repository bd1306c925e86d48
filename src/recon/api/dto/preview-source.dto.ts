import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

/** Multipart fields arrive as text: the limit is converted only when it is a plain numeral. */
const toInteger = ({ value }: { value: unknown }) => (typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value);

export class PreviewSourceDto {
  @ApiPropertyOptional({ example: 'statement_2025-03-31.sta', description: 'A file inside RECON_INBOX_DIR; or upload it as `file` (multipart)' })
  @IsOptional()
  @IsString()
  @MaxLength(1024)
  file_path?: string;

  @ApiPropertyOptional({ example: 20, minimum: 0, maximum: 100, description: 'Records to show (default 20); the whole file is still read and counted' })
  @IsOptional()
  @Transform(toInteger)
  @IsInt()
  @Min(0)
  @Max(100)
  limit?: number;
}

/** The multipart form, for the OpenAPI document only. */
export class PreviewSourceUpload extends PreviewSourceDto {
  @ApiPropertyOptional({ type: 'string', format: 'binary', description: 'The file to preview, instead of file_path' })
  file?: unknown;
}
