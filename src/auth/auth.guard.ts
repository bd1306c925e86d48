import { Injectable, Logger, type CanActivate, type ExecutionContext, type OnModuleInit } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Forbidden, Unauthenticated } from './auth-errors.js';
import { AuthSettings } from './auth-settings.js';
import { publicRouteKey, requiredScopeKey } from './auth.decorators.js';
import { Authenticator } from './authenticator.js';
import type { AuthenticatedRequest } from './principal.js';
import { grants, type Scope } from './scopes.js';

interface HttpRequest extends AuthenticatedRequest {
  method: string;
  url: string;
  headers: Record<string, unknown>;
}

interface HttpReply {
  header(name: string, value: string): unknown;
}

/**
 * The global guard (APP_GUARD). Every route must say who may call it: @Public() or @RequireScope(...),
 * the handler's declaration overriding its controller's. A route with neither is refused even when
 * authentication is off, so a forgotten declaration fails every test instead of opening a route in
 * production. Swagger's routes (/docs, /docs-json) and /redoc are plain Fastify routes and never get here.
 */
@Injectable()
export class AuthGuard implements CanActivate, OnModuleInit {
  private readonly logger = new Logger('Auth');

  constructor(
    private readonly reflector: Reflector,
    private readonly settings: AuthSettings,
    private readonly authenticator: Authenticator,
  ) {}

  onModuleInit(): void {
    const { required, reason } = this.settings.requirement;
    if (!required) this.logger.warn(`authentication is off: ${reason}`);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const request = http.getRequest<HttpRequest>();
    const declaration = this.declarationOf(context);
    if (declaration === 'public') return true;
    if (declaration === undefined) {
      this.logger.error(`${context.getClass().name}.${context.getHandler().name} declares neither @Public() nor @RequireScope(); refused`);
      throw new Forbidden(`${request.method} ${request.url.split('?')[0]} declares no scope, so it is refused`);
    }
    if (!this.settings.requirement.required) return true;

    const reply = http.getResponse<HttpReply>();
    try {
      // Requests with a body were authenticated before it was read (authenticate-before-body.ts).
      request.principal ??= await this.authenticator.authenticate(request.headers.authorization);
    } catch (error) {
      if (error instanceof Unauthenticated) reply.header('WWW-Authenticate', 'Bearer realm="tally"');
      throw error;
    }
    if (!grants(request.principal.scopes, declaration)) {
      reply.header('WWW-Authenticate', `Bearer realm="tally", error="insufficient_scope", scope="${declaration}"`);
      throw new Forbidden(`This request needs the scope ${declaration} (or admin); ${request.principal.name} has ${request.principal.scopes.join(', ') || 'none'}`);
    }
    return true;
  }

  private declarationOf(context: ExecutionContext): Scope | 'public' | undefined {
    for (const target of [context.getHandler(), context.getClass()]) {
      if (this.reflector.get<boolean | undefined>(publicRouteKey, target)) return 'public';
      const scope = this.reflector.get<Scope | undefined>(requiredScopeKey, target);
      if (scope) return scope;
    }
    return undefined;
  }
}
