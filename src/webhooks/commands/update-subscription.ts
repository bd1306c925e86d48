import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { AdminActor } from '../../admin-audit/admin-audit-log.js';
import { parseEventTypes, readsLedger } from '../domain/event-types.js';
import { eventTypesPerSubscriptionMax } from '../domain/limits.js';
import { changeSubscription, parseDescription } from '../domain/subscription.js';
import { urlForDisplay } from '../domain/url-policy.js';
import { SubscriptionRepository } from '../infrastructure/subscription-repository.js';
import { WebhookUrlCheck } from '../infrastructure/url-check.js';
import { subscriptionView, type SubscriptionView } from '../queries/views.js';
import { SubscriptionChanges } from './subscription-changes.js';

export interface SubscriptionUpdate {
  readonly url?: string;
  readonly eventTypes?: readonly string[];
  readonly description?: string | null;
}

/**
 * Change the URL, the event types or the description. Deliveries already queued keep their type; a subscription
 * that starts to ask for ledger facts gets them from now on, as a new one would.
 */
export class UpdateSubscriptionCommand extends Command<SubscriptionView> {
  constructor(
    readonly id: string,
    readonly update: SubscriptionUpdate,
    readonly by: AdminActor,
  ) {
    super();
  }
}

@CommandHandler(UpdateSubscriptionCommand)
export class UpdateSubscriptionHandler implements ICommandHandler<UpdateSubscriptionCommand> {
  constructor(
    private readonly changes: SubscriptionChanges,
    private readonly subscriptions: SubscriptionRepository,
    private readonly urls: WebhookUrlCheck,
  ) {}

  async execute({ id, update, by }: UpdateSubscriptionCommand): Promise<SubscriptionView> {
    const eventTypes = update.eventTypes && parseEventTypes(update.eventTypes, 'event_types', eventTypesPerSubscriptionMax);
    const description = update.description === undefined ? undefined : parseDescription(update.description);
    const url = update.url === undefined ? undefined : await this.urls.require(update.url);
    return this.changes.apply(id, by, 'webhook_subscription.changed', async (current, now, manager) => {
      let next = changeSubscription(current, { url, eventTypes, description }, now);
      if (!readsLedger(current.eventTypes) && readsLedger(next.eventTypes)) next = { ...next, ledgerPosition: await this.subscriptions.ledgerHead(manager) };
      const details = { ...(url && { url: urlForDisplay(url) }), ...(eventTypes && { event_types: eventTypes }), ...(description !== undefined && { description }) };
      return { subscription: next, result: subscriptionView(next), details };
    });
  }
}
