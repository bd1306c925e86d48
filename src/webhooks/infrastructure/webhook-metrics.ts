import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram } from 'prom-client';
import { MetricsRegistry } from '../../observability/metrics/metrics-registry.js';

/** What the dispatcher of this replica measures; only the replica holding the dispatcher lock attempts deliveries. */
@Injectable()
export class WebhookMetrics {
  private readonly attempts: Counter<'result'>;
  private readonly duration: Histogram;
  private readonly paused: Counter;
  private readonly leader: Gauge;

  constructor({ registry }: MetricsRegistry) {
    this.attempts = new Counter({ name: 'tally_webhook_attempts_total', help: 'Webhook delivery attempts made by this replica, by result (success, failure)', labelNames: ['result'], registers: [registry] });
    this.duration = new Histogram({
      name: 'tally_webhook_attempt_duration_seconds',
      help: 'Webhook delivery attempts, from sending to the answer or the failure',
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    });
    this.paused = new Counter({ name: 'tally_webhook_subscriptions_paused_total', help: 'Subscriptions this replica paused because a delivery failed too often', registers: [registry] });
    this.leader = new Gauge({ name: 'tally_webhook_dispatcher_leader', help: '1 on the replica that holds the dispatcher lock and delivers webhooks, else 0', registers: [registry] });
    this.leader.set(0);
    for (const result of ['success', 'failure']) this.attempts.inc({ result }, 0);
  }

  attempted(success: boolean, latencyMs: number): void {
    this.attempts.inc({ result: success ? 'success' : 'failure' });
    this.duration.observe(latencyMs / 1000);
  }

  subscriptionPaused(): void {
    this.paused.inc();
  }

  leading(isLeader: boolean): void {
    this.leader.set(isLeader ? 1 : 0);
  }
}
