import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AdminAuditLog, type AdminAction, type AdminActor } from '../../admin-audit/admin-audit-log.js';
import { Clock } from '../../common/clock.js';
import type { WebhookSubscription } from '../domain/subscription.js';
import { urlForDisplay } from '../domain/url-policy.js';
import { SubscriptionRepository } from '../infrastructure/subscription-repository.js';

export interface Change<T> {
  readonly subscription: WebhookSubscription;
  /** What the caller gets back. */
  readonly result: T;
  /** Recorded with the admin audit row (never a secret). */
  readonly details?: Record<string, unknown>;
}

/**
 * How every change to a subscription runs: one transaction that locks its row (so the dispatcher's queueing, a
 * replay and a change take turns), lets the domain decide, saves, and writes the admin audit row, or none of it.
 */
@Injectable()
export class SubscriptionChanges {
  constructor(
    private readonly dataSource: DataSource,
    private readonly subscriptions: SubscriptionRepository,
    private readonly audit: AdminAuditLog,
    private readonly clock: Clock,
  ) {}

  apply<T>(id: string, by: AdminActor, action: AdminAction, decide: (current: WebhookSubscription, now: Date, manager: EntityManager) => Promise<Change<T>>): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      const current = await this.subscriptions.lock(manager, id);
      const change = await decide(current, this.clock.now(), manager);
      if (change.subscription !== current) await this.subscriptions.save(manager, change.subscription);
      await this.audit.record(manager, by, { action, targetId: id, targetName: urlForDisplay(change.subscription.url), details: change.details ?? {} });
      return change.result;
    });
  }
}
