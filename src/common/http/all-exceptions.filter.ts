import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { DomainError } from '../errors/domain-error.js';
import { isDatabaseUnavailable } from '../../database/database-errors.js';
import { domainErrorBody, fastifyErrors, type ErrorBody } from './error-response.js';

interface RequestWithLog {
  log?: { error(fields: object, message: string): void };
}

/**
 * Turns every failure into `{ statusCode, code, message, details? }`. Anything the client could have
 * caused is a 4xx with a stable code; a 500 means a bug and is logged with its stack.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const body = this.toBody(exception);
    if (body.statusCode >= 500 && body.code !== 'DATABASE_UNAVAILABLE') this.logBug(exception, host.switchToHttp().getRequest<RequestWithLog | undefined>());
    const { httpAdapter } = this.adapterHost;
    httpAdapter.reply(host.switchToHttp().getResponse(), body, body.statusCode);
  }

  /** Through the request's own logger when there is one, so the line carries the request id. */
  private logBug(exception: unknown, request: RequestWithLog | undefined): void {
    if (request?.log) request.log.error({ context: 'Errors', err: exception }, exception instanceof Error ? exception.message : String(exception));
    else this.logger.error(exception instanceof Error ? exception.stack : String(exception));
  }

  private toBody(exception: unknown): ErrorBody {
    if (exception instanceof DomainError) return domainErrorBody(exception);
    const fastifyCode = fastifyCodeOf(exception);
    if (fastifyCode && fastifyErrors[fastifyCode]) return fastifyErrors[fastifyCode];
    if (fastifyCode) return fromOtherFastifyError(exception as { statusCode?: number; message?: string });
    if (exception instanceof HttpException) return fromHttpException(exception);
    if (isDatabaseUnavailable(exception)) {
      return { statusCode: 503, code: 'DATABASE_UNAVAILABLE', message: 'The database is unavailable; the request was not applied. Retry later.' };
    }
    return { statusCode: 500, code: 'INTERNAL_ERROR', message: 'An unexpected error occurred' };
  }
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
