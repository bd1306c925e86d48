import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../errors/domain-error.js';

export const windowMilliseconds = 60_000;
/** Bounds memory under a flood of distinct callers: the least recently seen are forgotten first. */
const callersTrackedMax = 100_000;

export class RateLimited extends DomainError {
  constructor(retryAfterSeconds: number) {
    super('RATE_LIMITED', 'too_many_requests', `Too many requests; retry in ${retryAfterSeconds} s`);
  }
}

/** What a limiter says about one request: allowed (not counted) or counted, and whether over the limit. */
export type LimitDecision = Awaited<ReturnType<ReturnType<FastifyInstance['createRateLimit']>>>;
export type Limiter = (request: FastifyRequest) => Promise<LimitDecision>;

/**
 * A fixed one-minute window per key, counted in @fastify/rate-limit's in-memory store (so per replica).
 * The plugin must be registered on `fastify` first (installRateLimits does).
 */
export function createLimiter(fastify: FastifyInstance, max: number, keyOf: (request: FastifyRequest) => string, exempt?: (request: FastifyRequest) => boolean): Limiter {
  // `cache` sizes the store's LRU; the type of createRateLimit's options leaves it out, the plugin reads it.
  const options = { max, timeWindow: windowMilliseconds, keyGenerator: keyOf, cache: callersTrackedMax, ...(exempt && { allowList: exempt }) };
  return fastify.createRateLimit(options);
}

/**
 * The IETF draft headers (`RateLimit-Limit`, `-Remaining`, `-Reset` in seconds) and, over the limit,
 * `Retry-After`. When two limits apply (the address's, then the principal's) the tighter one is shown.
 */
export function setRateLimitHeaders(reply: FastifyReply, decision: LimitDecision): void {
  if (decision.isAllowed) return;
  const shown = Number(reply.getHeader('ratelimit-remaining') ?? Number.POSITIVE_INFINITY);
  if (decision.remaining <= shown) {
    reply.header('ratelimit-limit', decision.max);
    reply.header('ratelimit-remaining', decision.remaining);
    reply.header('ratelimit-reset', decision.ttlInSeconds);
  }
  if (decision.isExceeded) reply.header('retry-after', decision.ttlInSeconds);
}
