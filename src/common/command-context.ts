import type { IdempotencyRequest } from './idempotency/idempotency.js';

/** Who sent a command, under which Idempotency-Key and correlation id; carried into every event's metadata. */
export interface CommandContext {
  readonly idempotency?: IdempotencyRequest;
  readonly correlationId?: string;
  /** The principal's immutable id (`key:<id>`, `jwt:<sub>`), or a CLI name such as `seed`. */
  readonly actor?: string;
  /** A label for people reading the log (an API key's name at the time of the write). */
  readonly actorName?: string;
}
