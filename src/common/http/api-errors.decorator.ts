import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { errorExample } from './error-examples.js';
import { ErrorResponseDto } from './error-response.dto.js';

/**
 * Documents a route's error responses: `{ 404: 'ACCOUNT_NOT_FOUND', 422: 'SAME_ACCOUNT, INSUFFICIENT_FUNDS' }`.
 * The text is the response's description; each code in it (an upper-case word, optionally followed by a note
 * in parentheses) becomes one named example of the error body with that status and code. Several
 * declarations of one status on a route (a controller's and a handler's) add up.
 */
export function ApiErrors(errors: Record<number, string>) {
  return applyDecorators(
    ...Object.entries(errors).map(([status, description]) => {
      const statusCode = Number(status);
      const examples = Object.fromEntries(
        codesOf(description).map(({ code, note }) => [code, { summary: code, value: errorExample(statusCode, code, note) }]),
      );
      return ApiResponse({ status: statusCode, description, type: ErrorResponseDto, examples });
    }),
  );
}

function codesOf(description: string): { code: string; note?: string }[] {
  return [...description.matchAll(/\b([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*)\b(?:\s*\(([^)]*)\))?/g)].map(([, code, note]) => ({ code, note }));
}
