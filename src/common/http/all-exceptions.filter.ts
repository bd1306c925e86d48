import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { AuthenticatedRequest } from '../../auth/principal.js';
import { grants, isScope } from '../../auth/scopes.js';
import { DomainError } from '../errors/domain-error.js';
import { isDatabaseUnavailable, sqlState } from '../../database/database-errors.js';
import { describeForLog } from './error-log.js';
import { fastifyErrors, statusByKind, type ErrorBody } from './error-response.js';

interface RequestWithLog {
  log?: { error(fields: object, message: string): void };
}

/**
 * Turns every failure into `{ statusCode, code, message, details? }`. Anything the client could have
 * caused is a 4xx with a stable code; a 500 means a bug and is logged with its stack.
 */
/** 503s that are not bugs: the client should retry after a moment (OUTCOME_UNKNOWN under the same Idempotency-Key). */
const retryLater = new Set(['DATABASE_UNAVAILABLE', 'OVERLOADED', 'OUTCOME_UNKNOWN']);

@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');


  constructor(private readonly adapterHost: HttpAdapterHost) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<(AuthenticatedRequest & RequestWithLog) | undefined>();
    const body = this.toBody(exception, request);
    // Never the raw message of a database error: it echoes client text (see describeForLog).
    if (body.statusCode >= 500 && !retryLater.has(body.code)) this.logBug(exception, request);
    else if (body.code === 'INVALID_VALUE') this.logger.warn(`a client value reached the database unvalidated: ${describeForLog(exception)}`);
    const { httpAdapter } = this.adapterHost;
    const response = host.switchToHttp().getResponse();
    if (retryLater.has(body.code)) httpAdapter.setHeader(response, 'retry-after', '1');
    httpAdapter.reply(response, body, body.statusCode);
  }

  /** Through the request's own logger when there is one, so the line carries the request id; never a raw database message. */
  private logBug(exception: unknown, request: RequestWithLog | undefined): void {
    const description = describeForLog(exception);
    if (!request?.log) return this.logger.error(description);
    // Structured like pino's own error field, but from the escaped description: no raw database text in it.
    const type = exception instanceof Error ? exception.name : 'Error';
    const headline = description.split('\n')[0].replace(`${type}: `, '');
    request.log.error({ context: 'Errors', err: { type, stack: description } }, headline);
  }

  private toBody(exception: unknown, request: AuthenticatedRequest | undefined): ErrorBody {
    if (exception instanceof DomainError) {
      const message = exception.disclosure && mayRead(request, exception.disclosure.scope) ? exception.disclosure.message : exception.message;
      return { statusCode: statusByKind[exception.kind], code: exception.code, message, ...(exception.details && { details: exception.details }) };
    }
    const fastifyCode = fastifyCodeOf(exception);
    if (fastifyCode && fastifyErrors[fastifyCode]) return fastifyErrors[fastifyCode];
    if (fastifyCode) return fromOtherFastifyError(exception as { statusCode?: number; message?: string });
    if (exception instanceof HttpException) return fromHttpException(exception);
    if (isDatabaseUnavailable(exception)) {
      return { statusCode: 503, code: 'DATABASE_UNAVAILABLE', message: 'The database is unavailable; the request was not applied. Retry later.' };
    }
    // SQLSTATE class 22 (data exception: a bad date, number or byte sequence) is a value from the
    // request that some check let through: the client's fault, so a 400, but logged to be fixed at the edge.
    if (sqlState(exception)?.startsWith('22') || sqlState((exception as { driverError?: unknown })?.driverError)?.startsWith('22')) {
      return { statusCode: 400, code: 'INVALID_VALUE', message: 'A value in the request is not valid where it is used' };
    }
    return { statusCode: 500, code: 'INTERNAL_ERROR', message: 'An unexpected error occurred' };
  }
}

/**
 * Whether the caller may see an error's disclosure. With authentication off there is no principal and
 * everyone may read everything; with it on, the guard has set the principal before any handler ran.
 */
function mayRead(request: AuthenticatedRequest | undefined, scope: string): boolean {
  const principal = request?.principal;
  return principal === undefined || (isScope(scope) && grants(principal.scopes, scope));
}

function fastifyCodeOf(exception: unknown): string | undefined {
  const candidates = [exception, (exception as { cause?: unknown })?.cause];
  for (const candidate of candidates) {
    const code = (candidate as { code?: unknown } | undefined)?.code;
    if (typeof code === 'string' && code.startsWith('FST_')) return code;
  }
  return undefined;
}

/** Fastify and its plugins (multipart) report what the client did wrong with a 4xx statusCode. */
function fromOtherFastifyError(error: { statusCode?: number; message?: string }): ErrorBody {
  const statusCode = typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400;
  const code = statusCode === 413 ? 'PAYLOAD_TOO_LARGE' : 'MALFORMED_REQUEST';
  return { statusCode, code, message: error.message ?? 'The request could not be read' };
}

function fromHttpException(exception: HttpException): ErrorBody {
  const statusCode = exception.getStatus();
  if (statusCode === 404) return { statusCode, code: 'ROUTE_NOT_FOUND', message: exception.message };
  const code = (exception.constructor.name.replace(/Exception$/, '') || 'HTTP_ERROR').replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase();
  return { statusCode, code, message: exception.message };
}
