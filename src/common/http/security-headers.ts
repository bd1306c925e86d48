import helmet from '@fastify/helmet';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/**
 * Helmet's CSP, loosened only as far as the documentation pages need: Swagger UI and ReDoc are served from
 * this origin (no CDN), ReDoc injects its styles inline and runs its search index in a blob: worker.
 */
const directives = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'", 'data:'],
  workerSrc: ["'self'", 'blob:'],
  // Added per request below: sent over plain HTTP it makes a browser fetch every script over HTTPS, and
  // a server without TLS (docker-compose, a LAN address) then shows blank documentation pages.
  upgradeInsecureRequests: null,
};

/** Helmet's headers on every response, with `upgrade-insecure-requests` only for requests that came over HTTPS. */
export async function registerSecurityHeaders(app: NestFastifyApplication): Promise<void> {
  await app.register(helmet, { contentSecurityPolicy: { directives } });
  // Runs after helmet's own onRequest hooks, which set the header. request.protocol believes
  // X-Forwarded-Proto only when TRUST_PROXY says the proxy in front may be trusted.
  app.getHttpAdapter().getInstance().addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const policy = reply.raw.getHeader('content-security-policy');
    if (request.protocol === 'https' && typeof policy === 'string') reply.raw.setHeader('content-security-policy', `${policy};upgrade-insecure-requests`);
  });
}
