import { Injectable, SetMetadata, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Reflector } from '@nestjs/core';
import type { Environment } from '../../config/environment.js';
import { DomainError } from '../errors/domain-error.js';

const windowMilliseconds = 60_000;
/** Bounds memory under a flood of distinct callers: the oldest windows are dropped first. */
const callersTrackedMax = 100_000;
const skipKey = 'tally:skip-rate-limit';

/** Exempts a route (the health check) from the rate limit. */
export const SkipRateLimit = () => SetMetadata(skipKey, true);

export class RateLimited extends DomainError {
  constructor(retryAfterSeconds: number) {
    super('RATE_LIMITED', 'too_many_requests', `Too many requests; retry in ${retryAfterSeconds} s`);
  }
}

/**
 * RATE_LIMIT_PER_MINUTE requests per caller and fixed minute window: per API key or JWT subject once the
 * auth guard (registered before this one) has named the principal, else per client address. In memory,
 * so each replica counts on its own. (@nestjs/throttler is CommonJS and cannot be loaded by Jest's ESM
 * mode on Node 20, so this small guard does its job.)
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly limit: number;
  private readonly windows = new Map<string, { startedAt: number; count: number }>();

  constructor(
    config: ConfigService<Environment, true>,
    private readonly reflector: Reflector,
  ) {
    this.limit = config.get('RATE_LIMIT_PER_MINUTE', { infer: true });
  }

  canActivate(context: ExecutionContext): boolean {
    if (this.limit === 0 || this.reflector.getAllAndOverride<boolean>(skipKey, [context.getHandler(), context.getClass()])) return true;
    const request = context.switchToHttp().getRequest<{ principal?: { name: string }; ip?: string }>();
    const caller = request.principal?.name ?? `ip:${request.ip ?? 'unknown'}`;
    const now = Date.now();
    let window = this.windows.get(caller);
    if (!window || now - window.startedAt >= windowMilliseconds) {
      this.windows.delete(caller);
      if (this.windows.size >= callersTrackedMax) this.windows.delete(this.windows.keys().next().value!);
      window = { startedAt: now, count: 0 };
      this.windows.set(caller, window);
    }
    if (++window.count > this.limit) throw new RateLimited(Math.ceil((window.startedAt + windowMilliseconds - now) / 1000));
    return true;
  }
}
