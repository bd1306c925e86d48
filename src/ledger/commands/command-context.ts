import type { IdempotencyRequest } from '../../common/idempotency/idempotency.js';

/** Who sent a command and under which Idempotency-Key; carried into every event's metadata. */
export interface CommandContext {
  readonly idempotency?: IdempotencyRequest;
  readonly correlationId?: string;
  readonly actor?: string;
}

export function eventMetadata(context: CommandContext) {
  return {
    ...(context.correlationId && { correlation_id: context.correlationId }),
    ...(context.idempotency && { idempotency_key: context.idempotency.key }),
    ...(context.actor && { actor: context.actor }),
  };
}
