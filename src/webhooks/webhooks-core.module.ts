import { Module } from '@nestjs/common';
import { AdminAuditModule } from '../admin-audit/admin-audit.module.js';
import { Clock } from '../common/clock.js';
import { ChangeSubscriptionStatusHandler } from './commands/change-subscription-status.js';
import { CreateSubscriptionHandler } from './commands/create-subscription.js';
import { ReplayDeliveryHandler, ReplayFromPositionHandler } from './commands/replay.js';
import { RotateSecretHandler } from './commands/rotate-secret.js';
import { SubscriptionChanges } from './commands/subscription-changes.js';
import { UpdateSubscriptionHandler } from './commands/update-subscription.js';
import { DeliveryRepository } from './infrastructure/delivery-repository.js';
import { SubscriptionRepository } from './infrastructure/subscription-repository.js';
import { WebhookUrlCheck } from './infrastructure/url-check.js';
import { webhookQueryHandlers } from './queries/webhook.queries.js';
import { WebhookSettings } from './webhook-settings.js';

/**
 * Subscriptions and deliveries as data: the commands and queries the API and the CLI share. No HTTP, no
 * dispatcher: the CLI imports this alone, so a command never starts delivering.
 */
@Module({
  imports: [AdminAuditModule],
  providers: [
    Clock,
    WebhookSettings,
    SubscriptionRepository,
    DeliveryRepository,
    WebhookUrlCheck,
    SubscriptionChanges,
    CreateSubscriptionHandler,
    UpdateSubscriptionHandler,
    ChangeSubscriptionStatusHandler,
    RotateSecretHandler,
    ReplayFromPositionHandler,
    ReplayDeliveryHandler,
    ...webhookQueryHandlers,
  ],
  exports: [Clock, WebhookSettings, SubscriptionRepository, DeliveryRepository],
})
export class WebhooksCoreModule {}
