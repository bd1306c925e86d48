import rateLimit from '@fastify/rate-limit';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';
import type { Environment } from '../../../config/environment.js';
import { domainErrorBody } from '../error-response.js';
import { createLimiter, RateLimited, setRateLimitHeaders } from './rate-limit-window.js';

/** Probes must answer however busy the caller's address is. */
const isProbe = (request: FastifyRequest) => /^\/health(\/|\?|$)/.test(request.url);

/**
 * Registers @fastify/rate-limit and limits every request by client address in an onRequest hook, before
 * routing into Nest and so before authentication: a flood of bad keys is refused with 429 before any key is
 * looked up. The address is the socket's peer, or X-Forwarded-For's client with TRUST_PROXY. The limit per
 * principal comes after authentication (PrincipalRateLimitGuard).
 */
export async function installRateLimits(app: NestFastifyApplication, environment: Environment): Promise<void> {
  await app.register(rateLimit, { global: false });
  const max = environment.RATE_LIMIT_PER_ADDRESS_PER_MINUTE ?? environment.RATE_LIMIT_PER_MINUTE;
  if (max === 0) return;
  const fastify = app.getHttpAdapter().getInstance();
  const limiter = createLimiter(fastify, max, (request) => `address:${request.ip}`, isProbe);
  fastify.addHook('onRequest', async (request, reply) => {
    const decision = await limiter(request);
    setRateLimitHeaders(reply, decision);
    if (!decision.isAllowed && decision.isExceeded) {
      const body = domainErrorBody(new RateLimited(decision.ttlInSeconds));
      return reply.code(body.statusCode).send(body);
    }
  });
}
