import type { DomainError, ErrorDetail, ErrorKind } from '../errors/domain-error.js';

/** Every error body Tally sends. `code` is stable and machine-readable; `message` is for people. */
export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  details?: ErrorDetail[];
}

export const statusByKind: Record<ErrorKind, number> = {
  validation: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  too_many_requests: 429,
  rule_violation: 422,
  unavailable: 503,
};

/** The body of an expected failure; also sent by hooks that answer before Nest's filter could. */
export function domainErrorBody(error: DomainError): ErrorBody {
  return { statusCode: statusByKind[error.kind], code: error.code, message: error.message, ...(error.details && { details: error.details }) };
}

/** Fastify's own error codes, for failures that happen before a route handler runs. */
export const fastifyErrors: Record<string, { statusCode: number; code: string; message: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { statusCode: 400, code: 'MALFORMED_JSON', message: 'The request body is not valid JSON' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { statusCode: 400, code: 'MALFORMED_JSON', message: 'The request body is empty but Content-Type is application/json' },
  FST_ERR_CTP_BODY_TOO_LARGE: { statusCode: 413, code: 'PAYLOAD_TOO_LARGE', message: 'The request body is larger than the configured limit' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { statusCode: 415, code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Send the body as application/json' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { statusCode: 400, code: 'MALFORMED_REQUEST', message: 'Content-Length does not match the body' },
};
