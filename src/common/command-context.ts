import type { IdempotencyRequest } from './idempotency/idempotency.js';

/** Who sent a command, under which Idempotency-Key and correlation id; carried into every event's metadata. */
export interface CommandContext {
  readonly idempotency?: IdempotencyRequest;
  readonly correlationId?: string;
  readonly actor?: string;
}
