import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { IncomingMessage } from 'node:http';
import { Unauthenticated } from './auth-errors.js';
import { AuthSettings } from './auth-settings.js';
import { Authenticator } from './authenticator.js';
import type { AuthenticatedRequest } from './principal.js';

/**
 * When authentication is required, a request that carries a body is authenticated in Fastify's
 * `onRequest` hook, before a byte of the body is read: a stranger cannot make the server buffer and parse
 * a megabyte, or hold a socket open by sending it slowly. A refusal closes the connection, so the unread
 * body is never drained either. No public route takes a body, so no route list is needed; scope checks
 * stay with AuthGuard, which reuses the principal found here.
 */
export function authenticateBeforeBody(app: NestFastifyApplication): void {
  if (!app.get(AuthSettings).requirement.required) return;
  const authenticator = app.get(Authenticator);
  app.getHttpAdapter().getInstance().addHook('onRequest', async (request, reply) => {
    if (!carriesBody(request.raw)) return;
    try {
      (request as AuthenticatedRequest).principal = await authenticator.authenticate(request.headers.authorization);
    } catch (error) {
      if (!(error instanceof Unauthenticated)) throw error;
      await reply
        .code(401)
        .header('WWW-Authenticate', 'Bearer realm="tally"')
        .header('Connection', 'close')
        .send({ statusCode: 401, code: error.code, message: error.message });
    }
  });
}

function carriesBody(request: IncomingMessage): boolean {
  const length = request.headers['content-length'];
  return request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}
