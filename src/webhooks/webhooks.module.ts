import { Module } from '@nestjs/common';
import { MetricsModule } from '../observability/metrics/metrics.module.js';
import { WebhookDeliveriesController } from './api/webhook-deliveries.controller.js';
import { WebhookSubscriptionsController } from './api/webhook-subscriptions.controller.js';
import { DeliveryQueue } from './infrastructure/delivery-queue.js';
import { FactReader } from './infrastructure/fact-reader.js';
import { WebhookSender } from './infrastructure/http-sender.js';
import { SubscriptionPump } from './infrastructure/subscription-pump.js';
import { WebhookDatabaseMetrics } from './infrastructure/webhook-database-metrics.js';
import { WebhookDispatcher } from './infrastructure/webhook-dispatcher.js';
import { WebhookMetrics } from './infrastructure/webhook-metrics.js';
import { WebhooksCoreModule } from './webhooks-core.module.js';

/**
 * Webhooks in the server: the API under /webhooks (scope admin) and the dispatcher, which runs in every replica
 * and delivers in the one holding its lock (docs/webhooks.md, docs/operations.md).
 */
@Module({
  imports: [WebhooksCoreModule, MetricsModule],
  controllers: [WebhookSubscriptionsController, WebhookDeliveriesController],
  providers: [FactReader, DeliveryQueue, WebhookSender, SubscriptionPump, WebhookDispatcher, WebhookMetrics, WebhookDatabaseMetrics],
})
export class WebhooksModule {}
