import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const requestIdHeader = 'x-request-id';
/** Accepted too, so clients that already send a correlation id keep it (it used to be read from here). */
const legacyHeader = 'x-correlation-id';
/** What a caller may send: visible ASCII, bounded, so an id can be neither a log injection nor a flood. */
const acceptedId = /^[\x21-\x7e]{1,255}$/;

/**
 * Fastify's `genReqId`: the caller's X-Request-Id (or X-Correlation-Id) when it is acceptable, else a new
 * UUID. An unacceptable id is replaced rather than refused: tracing must never fail a request.
 */
export function requestIdOf(request: IncomingMessage): string {
  for (const name of [requestIdHeader, legacyHeader]) {
    const value = request.headers[name];
    if (typeof value === 'string' && acceptedId.test(value)) return value;
  }
  return randomUUID();
}
