import type { CommandContext } from '../../common/command-context.js';

export type { CommandContext };

/** The metadata stored with every event a command appends. */
export function eventMetadata(context: CommandContext) {
  return {
    ...(context.correlationId && { correlation_id: context.correlationId }),
    ...(context.idempotency && { idempotency_key: context.idempotency.key }),
    ...(context.actor && { actor: context.actor }),
    ...(context.actorName && context.actorName !== context.actor && { actor_name: context.actorName }),
  };
}
