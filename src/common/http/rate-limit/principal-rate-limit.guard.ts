import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AuthenticatedRequest } from '../../../auth/principal.js';
import type { Environment } from '../../../config/environment.js';
import { createLimiter, RateLimited, setRateLimitHeaders, type Limiter } from './rate-limit-window.js';

/**
 * RATE_LIMIT_PER_MINUTE requests per API key or JWT subject, counted once AuthGuard (registered before
 * this guard) has named the principal; requests without one were counted by address already.
 */
@Injectable()
export class PrincipalRateLimitGuard implements CanActivate {
  private readonly max: number;
  private limiter?: Limiter;

  constructor(
    config: ConfigService<Environment, true>,
    private readonly adapterHost: HttpAdapterHost,
  ) {
    this.max = config.get('RATE_LIMIT_PER_MINUTE', { infer: true });
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest & AuthenticatedRequest>();
    if (this.max === 0 || !request.principal) return true;
    // Made on first use: the plugin is registered on the Fastify instance after the guards are built.
    this.limiter ??= createLimiter(this.adapterHost.httpAdapter.getInstance<FastifyInstance>(), this.max, (r) => `principal:${(r as AuthenticatedRequest).principal!.id}`);
    const decision = await this.limiter(request);
    setRateLimitHeaders(context.switchToHttp().getResponse<FastifyReply>(), decision);
    if (!decision.isAllowed && decision.isExceeded) throw new RateLimited(decision.ttlInSeconds);
    return true;
  }
}
