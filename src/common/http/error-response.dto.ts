import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

class ErrorDetailDto {
  @ApiPropertyOptional({ example: 'amount' }) field?: string;
  @ApiProperty({ example: 'must be a decimal string such as "100.50"' }) message: string;
}

/** The documented shape of every error response; each route's examples show its own codes. */
export class ErrorResponseDto {
  @ApiProperty({ description: 'The HTTP status, repeated', minimum: 400, maximum: 599 }) statusCode: number;
  @ApiProperty({ description: 'Stable and machine-readable, e.g. VALIDATION_FAILED or INSUFFICIENT_FUNDS: branch on this' }) code: string;
  @ApiProperty({ description: 'For people; its wording may change' }) message: string;
  @ApiPropertyOptional({ type: [ErrorDetailDto], description: 'The fields at fault, when there are some' }) details?: ErrorDetailDto[];
}
