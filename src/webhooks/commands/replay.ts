import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { AdminActor } from '../../admin-audit/admin-audit-log.js';
import type { FactStream } from '../domain/event-types.js';
import { parsePosition, rewindSubscription } from '../domain/subscription.js';
import { WebhookSubscriptionState } from '../domain/webhook-errors.js';
import { DeliveryRepository } from '../infrastructure/delivery-repository.js';
import { deliveryView, subscriptionView, type DeliveryView, type SubscriptionView } from '../queries/views.js';
import { SubscriptionChanges } from './subscription-changes.js';

/**
 * Deliver again every fact of one stream from a position on (ledger: `transfers.position`; recon: the outbox id,
 * as each delivery's `stream` and `position` show). Pending deliveries of that stream from there on are cancelled,
 * so the stream goes out once more, in order, after whatever of the other stream is queued.
 */
export class ReplayFromPositionCommand extends Command<{ subscription: SubscriptionView; cancelled_deliveries: number }> {
  constructor(
    readonly id: string,
    readonly stream: FactStream,
    readonly fromPosition: string,
    readonly by: AdminActor,
  ) {
    super();
  }
}

/** Send one delivery's fact again, the same bytes, queued after everything pending. */
export class ReplayDeliveryCommand extends Command<DeliveryView> {
  constructor(
    readonly deliveryId: string,
    readonly by: AdminActor,
  ) {
    super();
  }
}

@CommandHandler(ReplayFromPositionCommand)
export class ReplayFromPositionHandler implements ICommandHandler<ReplayFromPositionCommand> {
  constructor(
    private readonly changes: SubscriptionChanges,
    private readonly deliveries: DeliveryRepository,
  ) {}

  execute({ id, stream, fromPosition, by }: ReplayFromPositionCommand) {
    const from = parsePosition(fromPosition, stream === 'ledger' ? 'from_ledger_position' : 'from_recon_position');
    return this.changes.apply(id, by, 'webhook_subscription.replayed', async (current, now, manager) => {
      const next = rewindSubscription(current, stream, from, now);
      const cancelled = await this.deliveries.cancelPendingFrom(manager, id, stream, from, now);
      return { subscription: next, result: { subscription: subscriptionView(next), cancelled_deliveries: cancelled }, details: { stream, from_position: from.toString(), cancelled_deliveries: cancelled } };
    });
  }
}

@CommandHandler(ReplayDeliveryCommand)
export class ReplayDeliveryHandler implements ICommandHandler<ReplayDeliveryCommand> {
  constructor(
    private readonly changes: SubscriptionChanges,
    private readonly deliveries: DeliveryRepository,
  ) {}

  async execute({ deliveryId, by }: ReplayDeliveryCommand): Promise<DeliveryView> {
    const original = await this.deliveries.find(deliveryId);
    return this.changes.apply(original.subscriptionId, by, 'webhook_delivery.replayed', async (current, _now, manager) => {
      if (current.status === 'deleted') throw new WebhookSubscriptionState(current.id, current.status, 'replayed');
      const replay = await this.deliveries.enqueueReplay(manager, original);
      return { subscription: current, result: deliveryView(replay), details: { delivery_id: original.id, replay_id: replay.id, event_id: original.eventId } };
    });
  }
}
