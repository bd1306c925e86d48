import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

class ErrorDetailDto {
  @ApiPropertyOptional({ example: 'amount' }) field?: string;
  @ApiProperty({ example: 'must be greater than zero' }) message: string;
}

/** The documented shape of every error response. */
export class ErrorResponseDto {
  @ApiProperty({ example: 422 }) statusCode: number;
  @ApiProperty({ example: 'INSUFFICIENT_FUNDS' }) code: string;
  @ApiProperty({ example: 'Account 550e8400-... has 50.00 USD, which does not cover 100.00 USD' }) message: string;
  @ApiPropertyOptional({ type: [ErrorDetailDto] }) details?: ErrorDetailDto[];
}
