import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import { ApiErrors } from '../common/http/api-errors.decorator.js';
import type { Scope } from './scopes.js';

export const requiredScopeKey = 'tally:required-scope';
export const publicRouteKey = 'tally:public-route';

/**
 * The scope a controller's routes (or one handler, which then overrides its class) need. Routes declare
 * it explicitly: the guard refuses a route that has neither this nor @Public(). Also documents the bearer
 * scheme and the 401/403 answers in OpenAPI.
 */
export function RequireScope(scope: Scope): ClassDecorator & MethodDecorator {
  const documented = applyDecorators(ApiBearerAuth(), ApiErrors({ 401: 'UNAUTHENTICATED', 403: `FORBIDDEN (needs ${scope} or admin)` }));
  return ((target: object, key?: string | symbol, descriptor?: PropertyDescriptor) => {
    (SetMetadata(requiredScopeKey, scope) as (...args: unknown[]) => void)(target, key, descriptor);
    if (descriptor) return documented(target, key, descriptor);
    // On a controller, document route by route: Swagger would list a class's and a handler's security
    // twice, a handler's own @RequireScope already documents it, and @Public() routes need no credential.
    const prototype = (target as { prototype: object }).prototype;
    for (const name of Object.getOwnPropertyNames(prototype)) {
      const method = Object.getOwnPropertyDescriptor(prototype, name);
      if (name === 'constructor' || typeof method?.value !== 'function') continue;
      if (Reflect.getMetadata(requiredScopeKey, method.value) !== undefined || Reflect.getMetadata(publicRouteKey, method.value)) continue;
      documented(prototype, name, method);
    }
  }) as ClassDecorator & MethodDecorator;
}

/** A route anyone may call without a credential (only health checks should). */
export function Public() {
  return SetMetadata(publicRouteKey, true);
}
