import { DomainError } from '../../common/errors/domain-error.js';

/** The webhooks' error codes, in one place. */
export class WebhookSubscriptionNotFound extends DomainError {
  constructor(id: string) {
    super('WEBHOOK_SUBSCRIPTION_NOT_FOUND', 'not_found', `Webhook subscription ${id} does not exist`);
  }
}

export class WebhookDeliveryNotFound extends DomainError {
  constructor(id: string) {
    super('WEBHOOK_DELIVERY_NOT_FOUND', 'not_found', `Webhook delivery ${id} does not exist`);
  }
}

/** The URL is well formed but points somewhere Tally will not call (loopback, private, link-local), or nowhere. */
export class WebhookUrlRefused extends DomainError {
  constructor(reason: string) {
    super('WEBHOOK_URL_REFUSED', 'rule_violation', `url: ${reason}`, [{ field: 'url', message: reason }]);
  }
}

/** A change that the subscription's state does not allow (resuming a deleted subscription, say). */
export class WebhookSubscriptionState extends DomainError {
  constructor(id: string, status: string, action: string) {
    super('WEBHOOK_SUBSCRIPTION_STATE', 'conflict', `Webhook subscription ${id} is ${status}: it cannot be ${action}`);
  }
}
