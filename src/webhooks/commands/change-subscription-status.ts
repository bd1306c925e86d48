import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { AdminActor } from '../../admin-audit/admin-audit-log.js';
import { retryNow } from '../domain/delivery.js';
import { deleteSubscription, pauseSubscription, resumeSubscription } from '../domain/subscription.js';
import { DeliveryRepository } from '../infrastructure/delivery-repository.js';
import { subscriptionView, type SubscriptionView } from '../queries/views.js';
import { SubscriptionChanges } from './subscription-changes.js';

export type StatusAction = 'pause' | 'resume' | 'delete';

/**
 * Pause (nothing more is sent), resume (the head delivery is tried again now, with a fresh set of attempts, and
 * the rest follow in order) or delete (nothing more is sent; the subscription and its deliveries stay as a record).
 */
export class ChangeSubscriptionStatusCommand extends Command<SubscriptionView> {
  constructor(
    readonly id: string,
    readonly action: StatusAction,
    readonly by: AdminActor,
  ) {
    super();
  }
}

const audited = { pause: 'webhook_subscription.paused', resume: 'webhook_subscription.resumed', delete: 'webhook_subscription.deleted' } as const;

@CommandHandler(ChangeSubscriptionStatusCommand)
export class ChangeSubscriptionStatusHandler implements ICommandHandler<ChangeSubscriptionStatusCommand> {
  constructor(
    private readonly changes: SubscriptionChanges,
    private readonly deliveries: DeliveryRepository,
  ) {}

  execute({ id, action, by }: ChangeSubscriptionStatusCommand): Promise<SubscriptionView> {
    return this.changes.apply(id, by, audited[action], async (current, now, manager) => {
      if (action === 'pause') {
        const next = pauseSubscription(current, `paused by ${by.actor}`, now);
        return { subscription: next, result: subscriptionView(next) };
      }
      if (action === 'delete') {
        const next = deleteSubscription(current, now);
        return { subscription: next, result: subscriptionView(next) };
      }
      const next = resumeSubscription(current, now);
      const head = await this.deliveries.lockHead(manager, id);
      if (head) await this.deliveries.reschedule(manager, retryNow(head, now));
      return { subscription: next, result: subscriptionView(next), details: { ...(current.pausedReason && { paused_reason: current.pausedReason }), ...(head && { head_delivery_id: head.id }) } };
    });
  }
}
