import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { AdminActor } from '../../admin-audit/admin-audit-log.js';
import { ValidationFailed } from '../../common/errors/domain-error.js';
import { rotationOverlapSecondsMax } from '../domain/limits.js';
import { generateSecret, requireSecret } from '../domain/secret.js';
import { rotateSecret } from '../domain/subscription.js';
import { subscriptionView, type SubscriptionWithSecretView } from '../queries/views.js';
import { SubscriptionChanges } from './subscription-changes.js';

/** A new signing secret; the old one keeps signing alongside it for `overlapSeconds` (docs/operations.md: rotation). */
export class RotateSecretCommand extends Command<SubscriptionWithSecretView> {
  constructor(
    readonly id: string,
    readonly overlapSeconds: number,
    readonly secret: string | undefined,
    readonly by: AdminActor,
  ) {
    super();
  }
}

@CommandHandler(RotateSecretCommand)
export class RotateSecretHandler implements ICommandHandler<RotateSecretCommand> {
  constructor(private readonly changes: SubscriptionChanges) {}

  execute(command: RotateSecretCommand): Promise<SubscriptionWithSecretView> {
    if (!Number.isInteger(command.overlapSeconds) || command.overlapSeconds < 0 || command.overlapSeconds > rotationOverlapSecondsMax) {
      throw ValidationFailed.field('overlap_seconds', `must be an integer from 0 to ${rotationOverlapSecondsMax}`);
    }
    const secret = command.secret === undefined ? generateSecret() : requireSecret(command.secret);
    return this.changes.apply(command.id, command.by, 'webhook_subscription.secret_rotated', async (current, now) => {
      const next = rotateSecret(current, secret, command.overlapSeconds, now);
      return { subscription: next, result: { ...subscriptionView(next), secret }, details: { overlap_seconds: command.overlapSeconds } };
    });
  }
}
