import type { AttemptRecord, Delivery } from '../domain/delivery.js';
import { secretPrefix } from '../domain/secret.js';
import type { WebhookSubscription } from '../domain/subscription.js';

/** Response shapes of the webhooks API: snake_case; the secret only where it was just made. */
export interface SubscriptionView {
  id: string;
  url: string;
  event_types: string[];
  description: string | null;
  status: WebhookSubscription['status'];
  paused_at: string | null;
  paused_reason: string | null;
  secret_prefix: string;
  previous_secret_expires_at: string | null;
  ledger_position: string;
  recon_position: string;
  created_at: string;
  updated_at: string;
}

export interface SubscriptionWithSecretView extends SubscriptionView {
  /** Shown only when created or rotated: Tally signs with it, the receiver verifies with it. */
  secret: string;
}

export interface AttemptView {
  attempted_at: string;
  status_code: number | null;
  latency_ms: number;
  error: string | null;
}

export interface DeliveryView {
  id: string;
  subscription_id: string;
  event_id: string;
  event_type: string;
  stream: Delivery['stream'];
  position: string;
  status: Delivery['status'];
  attempts: number;
  next_attempt_at: string | null;
  last_error: string | null;
  replay_of: string | null;
  created_at: string;
  finished_at: string | null;
}

export interface DeliveryDetailsView extends DeliveryView {
  /** The body sent, parsed. */
  payload: unknown;
  /** The latest attempts, oldest first. */
  attempt_log: AttemptView[];
}

const iso = (date: Date | null) => date?.toISOString() ?? null;

export function subscriptionView(subscription: WebhookSubscription): SubscriptionView {
  return {
    id: subscription.id,
    url: subscription.url,
    event_types: [...subscription.eventTypes],
    description: subscription.description,
    status: subscription.status,
    paused_at: iso(subscription.pausedAt),
    paused_reason: subscription.pausedReason,
    secret_prefix: secretPrefix(subscription.secret),
    previous_secret_expires_at: iso(subscription.previousSecretExpiresAt),
    ledger_position: subscription.ledgerPosition,
    recon_position: subscription.reconPosition,
    created_at: subscription.createdAt.toISOString(),
    updated_at: subscription.updatedAt.toISOString(),
  };
}

export function deliveryView(delivery: Delivery): DeliveryView {
  return {
    id: delivery.id,
    subscription_id: delivery.subscriptionId,
    event_id: delivery.eventId,
    event_type: delivery.eventType,
    stream: delivery.stream,
    position: delivery.position,
    status: delivery.status,
    attempts: delivery.attempts,
    next_attempt_at: delivery.status === 'pending' ? delivery.nextAttemptAt.toISOString() : null,
    last_error: delivery.lastError,
    replay_of: delivery.replayOf,
    created_at: delivery.createdAt.toISOString(),
    finished_at: iso(delivery.finishedAt),
  };
}

export function deliveryDetailsView(delivery: Delivery, attempts: readonly AttemptRecord[]): DeliveryDetailsView {
  return {
    ...deliveryView(delivery),
    payload: JSON.parse(delivery.body) as unknown,
    attempt_log: attempts.map((attempt) => ({ attempted_at: attempt.attemptedAt.toISOString(), status_code: attempt.statusCode, latency_ms: attempt.latencyMs, error: attempt.error })),
  };
}
