import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { ErrorResponseDto } from './error-response.dto.js';

/** Documents error responses as `status: 'CODE, CODE'` in OpenAPI, all with the one error body. */
export function ApiErrors(errors: Record<number, string>) {
  return applyDecorators(...Object.entries(errors).map(([status, codes]) => ApiResponse({ status: Number(status), description: codes, type: ErrorResponseDto })));
}
