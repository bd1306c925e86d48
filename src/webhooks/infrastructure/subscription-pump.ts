import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '../../common/clock.js';
import { logSafe } from '../../common/log-text.js';
import { afterAttempt, isSuccess } from '../domain/delivery.js';
import { deliveriesPerTickMax } from '../domain/limits.js';
import { secretsInUse } from '../domain/secret.js';
import { signatureHeader } from '../domain/signature.js';
import { urlForDisplay } from '../domain/url-policy.js';
import { WebhookSettings } from '../webhook-settings.js';
import { DeliveryQueue } from './delivery-queue.js';
import { DeliveryRepository, type DueDelivery } from './delivery-repository.js';
import { WebhookSender } from './http-sender.js';
import { WebhookMetrics } from './webhook-metrics.js';

/**
 * Delivers one subscription's queue strictly in order: the head delivery is sent until it succeeds, and nothing
 * behind it goes out before. A failure schedules the head's next attempt (backoff with jitter) and ends this turn;
 * the last allowed failure pauses the subscription at that delivery, with a metric and an alert line.
 */
@Injectable()
export class SubscriptionPump {
  private readonly logger = new Logger('WebhookAlert');

  constructor(
    private readonly deliveries: DeliveryRepository,
    private readonly queue: DeliveryQueue,
    private readonly sender: WebhookSender,
    private readonly settings: WebhookSettings,
    private readonly metrics: WebhookMetrics,
    private readonly clock: Clock,
  ) {}

  /** One turn: sends what is due, up to deliveriesPerTickMax, while `mayGoOn` (the lock is still held) says so. */
  async run(subscriptionId: string, mayGoOn: () => boolean): Promise<void> {
    for (let round = 0; round < deliveriesPerTickMax && mayGoOn(); round++) {
      const due = await this.deliveries.head(subscriptionId);
      if (!due) {
        const { read } = await this.queue.refill(subscriptionId);
        if (read === 0) return;
        continue;
      }
      if (due.delivery.nextAttemptAt > this.clock.now()) return;
      if (!(await this.attempt(due))) return;
    }
  }

  private async attempt({ delivery, url, secrets }: DueDelivery): Promise<boolean> {
    const attemptedAt = this.clock.now();
    const timestamp = Math.floor(attemptedAt.getTime() / 1000);
    const result = await this.sender.post(url, delivery.body, {
      // The body format's version, not the server's: receivers may key on it.
      'user-agent': 'Tally-Webhooks/1',
      'tally-event-id': delivery.eventId,
      'tally-event-type': delivery.eventType,
      'tally-delivery-id': delivery.id,
      'tally-signature': signatureHeader(secretsInUse(secrets, attemptedAt), timestamp, delivery.body),
    });
    const outcome = afterAttempt(delivery, result, this.settings, this.clock.now(), Math.random);
    const paused = await this.deliveries.record(outcome.delivery, { attemptedAt, ...result }, outcome.pauseReason);
    this.metrics.attempted(isSuccess(result), result.latencyMs);
    if (paused) {
      this.metrics.subscriptionPaused();
      this.logger.warn(logSafe(`subscription ${delivery.subscriptionId} paused at ${urlForDisplay(url)}: ${outcome.pauseReason}. Fix the receiver, then resume it.`));
    }
    return outcome.delivery.status === 'delivered';
  }
}
