import { Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { describeForLog } from '../../common/http/error-log.js';
import { SessionLock } from '../../database/session-lock.js';
import { subscriptionsInFlightMax } from '../domain/limits.js';
import { WebhookSettings } from '../webhook-settings.js';
import { SubscriptionRepository } from './subscription-repository.js';
import { SubscriptionPump } from './subscription-pump.js';
import { WebhookMetrics } from './webhook-metrics.js';

/** Any constant works, the same in every replica. ('tlywh' in ASCII.) */
const dispatcherLockKey = 0x746c797768;

/**
 * Every server replica runs this; only the one holding the dispatcher's session lock delivers. Each tick
 * (WEBHOOK_DISPATCH_INTERVAL_MS) a standby tries to take the lock, and the holder starts a turn for each active
 * subscription that is not already being served (at most subscriptionsInFlightMax at once, each strictly in
 * order). If the holder dies its session ends and frees the lock: a standby takes over at its next tick and goes
 * on from the queues and cursors in the database, so at most the attempt in flight is repeated (at least once).
 */
@Injectable()
export class WebhookDispatcher implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('WebhookDispatcher');
  private readonly serving = new Map<string, Promise<void>>();
  private lock?: SessionLock;
  private timer?: NodeJS.Timeout;
  private ticking?: Promise<void>;
  private stopping = false;
  private wasLeading = false;
  private rounds = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly subscriptions: SubscriptionRepository,
    private readonly pump: SubscriptionPump,
    private readonly settings: WebhookSettings,
    private readonly metrics: WebhookMetrics,
  ) {}

  onApplicationBootstrap(): void {
    // The URL the pool was opened with (DATABASE_URL, or the embedded server's).
    const { url } = this.dataSource.options as { url: string };
    this.lock = new SessionLock(url, dispatcherLockKey, 'tally-webhook-dispatcher');
    this.next(0);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.timer);
    await this.ticking;
    // Attempts in flight end within WEBHOOK_TIMEOUT_MS; their outcome is recorded before the pool closes.
    await Promise.allSettled([...this.serving.values()]);
    await this.lock?.release();
    this.metrics.leading(false);
  }

  private next(delayMs: number): void {
    if (this.stopping) return;
    this.timer = setTimeout(() => {
      this.ticking = this.tick().finally(() => this.next(this.settings.dispatchIntervalMs));
    }, delayMs);
  }

  private async tick(): Promise<void> {
    try {
      const leading = await this.lock!.tryHold();
      if (leading !== this.wasLeading) this.logger.log(leading ? 'This replica holds the dispatcher lock: it delivers webhooks' : 'Dispatcher lock lost: another replica delivers webhooks');
      this.wasLeading = leading;
      this.metrics.leading(leading);
      if (!leading || this.stopping) return;
      // Start the round at a different subscription each tick, so the first ones by age cannot keep every slot.
      const ids = await this.subscriptions.activeIds();
      const start = ids.length > 0 ? this.rounds++ % ids.length : 0;
      for (const id of [...ids.slice(start), ...ids.slice(0, start)]) {
        if (this.serving.size >= subscriptionsInFlightMax) break;
        if (this.serving.has(id)) continue;
        const turn = this.pump
          .run(id, () => !this.stopping && this.lock!.held)
          .catch((error: unknown) => this.logger.error(`subscription ${id}: ${describeForLog(error)}`))
          .finally(() => this.serving.delete(id));
        this.serving.set(id, turn);
      }
    } catch (error) {
      this.logger.error(describeForLog(error));
    }
  }
}
