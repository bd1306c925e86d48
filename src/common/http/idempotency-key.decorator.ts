import { createHash } from 'node:crypto';
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { ValidationFailed } from '../errors/domain-error.js';
import type { IdempotencyRequest } from '../idempotency/idempotency.js';

const keyPattern = /^[\x21-\x7e]{1,255}$/;

/**
 * The request's `Idempotency-Key` header with a fingerprint of its body, or undefined without the header.
 * The fingerprint hashes the body with its keys sorted, so the same JSON in another key order matches.
 */
export const IdempotencyKey = createParamDecorator((scope: string, context: ExecutionContext): IdempotencyRequest | undefined => {
  const request = context.switchToHttp().getRequest<{ headers: Record<string, unknown>; body: unknown }>();
  const key = request.headers['idempotency-key'];
  if (key === undefined) return undefined;
  if (typeof key !== 'string' || !keyPattern.test(key)) throw ValidationFailed.field('Idempotency-Key', 'must be 1 to 255 visible ASCII characters');
  return { scope, key, fingerprint: createHash('sha256').update(canonicalJson(request.body ?? null)).digest('hex') };
});

export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value).sort().map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
