import { createHash } from 'node:crypto';
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { AuthenticatedRequest } from '../../auth/principal.js';
import type { CommandContext } from '../command-context.js';
import { ValidationFailed } from '../errors/domain-error.js';

const headerValuePattern = /^[\x21-\x7e]{1,255}$/;

/**
 * What a POST tells its command besides the body: the `Idempotency-Key` header (scoped to the route, with a
 * fingerprint of the body), the request id as correlation id (from `X-Request-Id`, or new: see
 * observability/request-id.ts) and the actor (the principal AuthGuard authenticated; none when
 * authentication is off), all stored with the events.
 */
export const RequestContext = createParamDecorator((scope: string, context: ExecutionContext): CommandContext => {
  const request = context.switchToHttp().getRequest<{ id: string; headers: Record<string, unknown>; body: unknown } & AuthenticatedRequest>();
  return {
    correlationId: request.id,
    // Keys are per principal too: two clients that both send `order-42` must not get each other's response.
    idempotency: idempotencyOf(request, request.principal ? `${scope}:${request.principal.name}` : scope),
    ...(request.principal && { actor: request.principal.name }),
  };
});

function idempotencyOf(request: { headers: Record<string, unknown>; body: unknown }, scope: string) {
  const key = header(request.headers, 'idempotency-key');
  if (key === undefined) return undefined;
  return { scope, key, fingerprint: createHash('sha256').update(canonicalJson(request.body ?? null)).digest('hex') };
}

function header(headers: Record<string, unknown>, name: string): string | undefined {
  const value = headers[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !headerValuePattern.test(value)) throw ValidationFailed.field(name, 'must be 1 to 255 visible ASCII characters');
  return value;
}

/** JSON with object keys sorted, so the same body in another key order has the same fingerprint. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value).sort().map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
