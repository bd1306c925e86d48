import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AuthenticatedRequest } from '../auth/principal.js';
import { withoutRedaction } from './logger.js';
import { requestIdHeader } from './request-id.js';

/** Probes and scrapes arrive every few seconds; their lines would drown the rest, so they are debug. */
const quietPaths = /^\/(health(\/|$)|metrics$)/;

/**
 * Echoes the request id on every response (errors, 404s and 429s included: the hook runs first) and
 * writes one line per request when its response is sent. The line is built field by field: never a
 * header, a query string or a body, so no key, token or password can reach it.
 */
export function installRequestLogging(fastify: FastifyInstance): void {
  // Not request.log: the line carries the request id itself, and skips the redactor (see withoutRedaction).
  const lines = withoutRedaction(fastify.log);
  fastify.addHook('onRequest', (request, reply, done) => {
    reply.header(requestIdHeader, request.id);
    done();
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    const path = request.url.split('?')[0];
    const line = requestLine(request, reply, path);
    if (quietPaths.test(path)) lines.debug(line, 'request completed');
    else lines.info(line, 'request completed');
    done();
  });
}

function requestLine(request: FastifyRequest & AuthenticatedRequest, reply: FastifyReply, path: string) {
  return {
    // First, where request.log's binding put it.
    request_id: request.id,
    method: request.method,
    route: request.routeOptions.url ?? null,
    path,
    status: reply.statusCode,
    duration_ms: Math.round(reply.elapsedTime * 10) / 10,
    principal: request.principal?.id ?? null,
    principal_name: request.principal?.name ?? null,
  };
}
