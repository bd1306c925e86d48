import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Observable } from 'rxjs';
import { ValidationFailed } from '../../common/errors/domain-error.js';

const prefix = 'metadata.';

/**
 * Fastify reads `metadata.k=v` as a flat key `metadata.k`. Before the validation pipe runs, this groups those
 * keys into one `metadata` object ({k: v}), so the DTO validates it as a field (and the pipe's key checks
 * refuse `metadata.__proto__`) while every other unknown query key is still refused.
 */
@Injectable()
export class MetadataFilterInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<{ query: Record<string, unknown> }>();
    request.query = groupMetadataFilters(request.query);
    return next.handle();
  }
}

export function groupMetadataFilters(query: Record<string, unknown>): Record<string, unknown> {
  // Null prototypes: a key named __proto__ stays a plain key, for the pipe to refuse.
  const grouped: Record<string, unknown> = Object.create(null);
  const metadata: Record<string, unknown> = Object.create(null);
  let filtered = false;
  for (const [key, value] of Object.entries(query ?? {})) {
    if (key === 'metadata') throw ValidationFailed.field('metadata', 'filter with metadata.<key>=<value>');
    if (key.startsWith(prefix)) {
      metadata[key.slice(prefix.length)] = value;
      filtered = true;
    } else {
      grouped[key] = value;
    }
  }
  if (filtered) grouped.metadata = metadata;
  return grouped;
}
