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
    // Keys are per principal too: two clients that both send `order-42` must not get each other's
    // response. By the principal's immutable id, never its name: a new key given a revoked key's name
    // must not replay the old key's responses.
    idempotency: idempotencyOf(request, request.principal ? `${scope}:${request.principal.id}` : scope),
    ...(request.principal && { actor: request.principal.id, actorName: request.principal.name }),
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

/**
 * JSON with object keys sorted, so the same body in another key order has the same fingerprint. Iterative
 * (an explicit stack of values still to write and text to emit), so no nesting depth can overflow the
 * call stack even if a body reached here without the JSON limits.
 */
export function canonicalJson(value: unknown): string {
  const out: string[] = [];
  const pending: ({ value: unknown } | string)[] = [{ value }];
  while (pending.length > 0) {
    const item = pending.pop()!;
    if (typeof item === 'string') {
      out.push(item);
      continue;
    }
    const current = item.value;
    if (current === null || typeof current !== 'object') {
      out.push(JSON.stringify(current) ?? 'null');
      continue;
    }
    // Pushed last to first, so they come off the stack in order.
    const array = Array.isArray(current);
    const keys = array ? [] : Object.keys(current).sort();
    const length = array ? current.length : keys.length;
    out.push(array ? '[' : '{');
    pending.push(array ? ']' : '}');
    for (let index = length - 1; index >= 0; index -= 1) {
      pending.push({ value: array ? current[index] : (current as Record<string, unknown>)[keys[index]] });
      if (!array) pending.push(`${JSON.stringify(keys[index])}:`);
      if (index > 0) pending.push(',');
    }
  }
  return out.join('');
}
