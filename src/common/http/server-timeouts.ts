import type { ServerOptions } from 'node:http';
import type { Environment } from '../../config/environment.js';

type TimeoutSettings = Pick<Environment, 'HTTP_HEADERS_TIMEOUT_MS' | 'HTTP_REQUEST_TIMEOUT_MS' | 'HTTP_CONNECTION_TIMEOUT_MS' | 'HTTP_KEEP_ALIVE_TIMEOUT_MS'>;

/**
 * Fastify options that bound how long a client may hold a connection: headers within the headers timeout,
 * the whole request (a slow body too) within the request timeout (Node answers 408 and closes the
 * socket), an idle socket closed after the connection timeout. Node checks the first two only every
 * `connectionsCheckingInterval` (30 s by default), so the interval follows the shorter timeout.
 */
export function serverTimeouts(settings: TimeoutSettings): {
  requestTimeout: number;
  connectionTimeout: number;
  keepAliveTimeout: number;
  http: ServerOptions;
} {
  const shortest = Math.min(settings.HTTP_HEADERS_TIMEOUT_MS, settings.HTTP_REQUEST_TIMEOUT_MS);
  return {
    requestTimeout: settings.HTTP_REQUEST_TIMEOUT_MS,
    connectionTimeout: settings.HTTP_CONNECTION_TIMEOUT_MS,
    keepAliveTimeout: settings.HTTP_KEEP_ALIVE_TIMEOUT_MS,
    http: {
      headersTimeout: settings.HTTP_HEADERS_TIMEOUT_MS,
      requestTimeout: settings.HTTP_REQUEST_TIMEOUT_MS,
      connectionsCheckingInterval: Math.max(50, Math.min(30_000, Math.floor(shortest / 4))),
    },
  };
}
