import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Page } from '../../ledger/queries/views.js';
import type { DeliveryStatus } from '../domain/delivery.js';
import type { SubscriptionStatus } from '../domain/subscription.js';
import { DeliveryRepository } from '../infrastructure/delivery-repository.js';
import { SubscriptionRepository } from '../infrastructure/subscription-repository.js';
import { deliveryDetailsView, deliveryView, subscriptionView, type DeliveryDetailsView, type DeliveryView, type SubscriptionView } from './views.js';

export class ListSubscriptionsQuery extends Query<Page<SubscriptionView>> {
  constructor(
    readonly status: SubscriptionStatus | undefined,
    readonly limit: number,
    readonly cursor?: string,
  ) {
    super();
  }
}

export class GetSubscriptionQuery extends Query<SubscriptionView> {
  constructor(readonly id: string) {
    super();
  }
}

export class ListDeliveriesQuery extends Query<Page<DeliveryView>> {
  constructor(
    readonly subscriptionId: string,
    readonly status: DeliveryStatus | undefined,
    readonly limit: number,
    readonly cursor?: string,
  ) {
    super();
  }
}

export class GetDeliveryQuery extends Query<DeliveryDetailsView> {
  constructor(readonly id: string) {
    super();
  }
}

@QueryHandler(ListSubscriptionsQuery)
export class ListSubscriptionsHandler implements IQueryHandler<ListSubscriptionsQuery> {
  constructor(private readonly subscriptions: SubscriptionRepository) {}

  async execute(query: ListSubscriptionsQuery): Promise<Page<SubscriptionView>> {
    const page = await this.subscriptions.list(query.status, query.limit, query.cursor);
    return { data: page.data.map(subscriptionView), next_cursor: page.next_cursor };
  }
}

@QueryHandler(GetSubscriptionQuery)
export class GetSubscriptionHandler implements IQueryHandler<GetSubscriptionQuery> {
  constructor(private readonly subscriptions: SubscriptionRepository) {}

  async execute(query: GetSubscriptionQuery): Promise<SubscriptionView> {
    return subscriptionView(await this.subscriptions.find(query.id));
  }
}

@QueryHandler(ListDeliveriesQuery)
export class ListDeliveriesHandler implements IQueryHandler<ListDeliveriesQuery> {
  constructor(
    private readonly subscriptions: SubscriptionRepository,
    private readonly deliveries: DeliveryRepository,
  ) {}

  async execute(query: ListDeliveriesQuery): Promise<Page<DeliveryView>> {
    await this.subscriptions.find(query.subscriptionId); // 404 for an unknown subscription rather than an empty page
    const page = await this.deliveries.list(query.subscriptionId, query.status, query.limit, query.cursor);
    return { data: page.data.map(deliveryView), next_cursor: page.next_cursor };
  }
}

@QueryHandler(GetDeliveryQuery)
export class GetDeliveryHandler implements IQueryHandler<GetDeliveryQuery> {
  constructor(private readonly deliveries: DeliveryRepository) {}

  async execute(query: GetDeliveryQuery): Promise<DeliveryDetailsView> {
    const delivery = await this.deliveries.find(query.id);
    return deliveryDetailsView(delivery, await this.deliveries.attempts(query.id));
  }
}

export const webhookQueryHandlers = [ListSubscriptionsHandler, GetSubscriptionHandler, ListDeliveriesHandler, GetDeliveryHandler];
