import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { readsLedger } from '../domain/event-types.js';
import { mergeFacts } from '../domain/fact.js';
import { factBatchSizeMax } from '../domain/limits.js';
import { DeliveryRepository } from './delivery-repository.js';
import { FactReader } from './fact-reader.js';
import { SubscriptionRepository } from './subscription-repository.js';

/**
 * Turns the next facts of both streams into a subscription's deliveries when its queue has run dry, and moves its
 * cursors past them, in one transaction under the subscription's row lock (so a replay or a change cannot
 * interleave). Facts of types it did not ask for are passed over. Reading only when the queue is empty bounds
 * the queue: a paused subscription's backlog stays in the log, not in `webhook_deliveries`.
 */
@Injectable()
export class DeliveryQueue {
  constructor(
    private readonly dataSource: DataSource,
    private readonly subscriptions: SubscriptionRepository,
    private readonly deliveries: DeliveryRepository,
    private readonly facts: FactReader,
  ) {}

  /** Returns how many facts were read (0: nothing new) and how many became deliveries. */
  async refill(subscriptionId: string): Promise<{ read: number; queued: number }> {
    return this.dataSource.transaction(async (manager) => {
      const subscription = await this.subscriptions.lock(manager, subscriptionId);
      if (subscription.status !== 'active') return { read: 0, queued: 0 };
      const recon = await this.facts.reconAfter(manager, subscription.reconPosition, factBatchSizeMax);
      const ledger = readsLedger(subscription.eventTypes) ? await this.facts.ledgerAfter(manager, subscription.ledgerPosition, factBatchSizeMax) : [];
      const wanted = mergeFacts(ledger, recon).filter((fact) => subscription.eventTypes.includes(fact.type));
      await this.deliveries.enqueue(manager, subscription.id, wanted);
      await this.subscriptions.save(manager, {
        ...subscription,
        ledgerPosition: ledger.at(-1)?.position ?? subscription.ledgerPosition,
        reconPosition: recon.at(-1)?.position ?? subscription.reconPosition,
      });
      return { read: recon.length + ledger.length, queued: wanted.length };
    });
  }
}
