import { randomUUID } from 'node:crypto';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { AdminAuditLog, type AdminActor } from '../../admin-audit/admin-audit-log.js';
import { Clock } from '../../common/clock.js';
import { parseEventTypes } from '../domain/event-types.js';
import { eventTypesPerSubscriptionMax } from '../domain/limits.js';
import { generateSecret, requireSecret } from '../domain/secret.js';
import { parseDescription } from '../domain/subscription.js';
import { urlForDisplay } from '../domain/url-policy.js';
import { SubscriptionRepository } from '../infrastructure/subscription-repository.js';
import { WebhookUrlCheck } from '../infrastructure/url-check.js';
import { subscriptionView, type SubscriptionWithSecretView } from '../queries/views.js';

/** Subscribe a URL to event types; it is sent what happens from now on. The secret is generated unless given. */
export class CreateSubscriptionCommand extends Command<SubscriptionWithSecretView> {
  constructor(
    readonly url: string,
    readonly eventTypes: readonly string[],
    readonly description: string | null | undefined,
    readonly secret: string | undefined,
    readonly by: AdminActor,
  ) {
    super();
  }
}

@CommandHandler(CreateSubscriptionCommand)
export class CreateSubscriptionHandler implements ICommandHandler<CreateSubscriptionCommand> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly subscriptions: SubscriptionRepository,
    private readonly audit: AdminAuditLog,
    private readonly urls: WebhookUrlCheck,
    private readonly clock: Clock,
  ) {}

  async execute(command: CreateSubscriptionCommand): Promise<SubscriptionWithSecretView> {
    const eventTypes = parseEventTypes(command.eventTypes, 'event_types', eventTypesPerSubscriptionMax);
    const description = parseDescription(command.description);
    const secret = command.secret === undefined ? generateSecret() : requireSecret(command.secret);
    const url = await this.urls.require(command.url);
    return this.dataSource.transaction(async (manager) => {
      const created = await this.subscriptions.insert(manager, { id: randomUUID(), url, eventTypes, description, secret, createdAt: this.clock.now() });
      await this.audit.record(manager, command.by, { action: 'webhook_subscription.created', targetId: created.id, targetName: urlForDisplay(url), details: { event_types: eventTypes } });
      return { ...subscriptionView(created), secret };
    });
  }
}
