import { ValidationFailed } from '../../common/errors/domain-error.js';
import type { WebhookEventType } from './event-types.js';
import type { SigningSecrets } from './secret.js';
import { WebhookSubscriptionState } from './webhook-errors.js';

export type SubscriptionStatus = 'active' | 'paused' | 'deleted';

/**
 * Where to send which facts. `ledgerPosition` and `reconPosition` are how far each stream has been turned into this
 * subscription's deliveries (a position is a decimal string: it is a 64-bit integer).
 */
export interface WebhookSubscription extends SigningSecrets {
  readonly id: string;
  readonly url: string;
  readonly eventTypes: readonly WebhookEventType[];
  readonly description: string | null;
  readonly status: SubscriptionStatus;
  readonly pausedAt: Date | null;
  readonly pausedReason: string | null;
  readonly ledgerPosition: string;
  readonly reconPosition: string;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface SubscriptionChanges {
  readonly url?: string;
  readonly eventTypes?: readonly WebhookEventType[];
  readonly description?: string | null;
}

function requireNotDeleted(subscription: WebhookSubscription, action: string): void {
  if (subscription.status === 'deleted') throw new WebhookSubscriptionState(subscription.id, subscription.status, action);
}

/** Stops deliveries at the current head; nothing after it is sent until it is resumed. Pausing a paused one changes nothing. */
export function pauseSubscription(subscription: WebhookSubscription, reason: string, now: Date): WebhookSubscription {
  requireNotDeleted(subscription, 'paused');
  if (subscription.status === 'paused') return subscription;
  return { ...subscription, status: 'paused', pausedAt: now, pausedReason: reason, updatedAt: now };
}

export function resumeSubscription(subscription: WebhookSubscription, now: Date): WebhookSubscription {
  requireNotDeleted(subscription, 'resumed');
  if (subscription.status === 'active') return subscription;
  return { ...subscription, status: 'active', pausedAt: null, pausedReason: null, updatedAt: now };
}

/** Kept, with its deliveries and attempts, as the record of what was sent; nothing more is delivered. */
export function deleteSubscription(subscription: WebhookSubscription, now: Date): WebhookSubscription {
  if (subscription.status === 'deleted') return subscription;
  return { ...subscription, status: 'deleted', pausedAt: null, pausedReason: null, updatedAt: now };
}

export function changeSubscription(subscription: WebhookSubscription, changes: SubscriptionChanges, now: Date): WebhookSubscription {
  requireNotDeleted(subscription, 'changed');
  return {
    ...subscription,
    url: changes.url ?? subscription.url,
    eventTypes: changes.eventTypes ?? subscription.eventTypes,
    description: changes.description === undefined ? subscription.description : changes.description,
    updatedAt: now,
  };
}

/**
 * A new secret; the old one keeps signing alongside it for `overlapSeconds` (0: not at all), so receivers can
 * switch without refusing a delivery. A rotation during an overlap drops the older previous secret.
 */
export function rotateSecret(subscription: WebhookSubscription, secret: string, overlapSeconds: number, now: Date): WebhookSubscription {
  requireNotDeleted(subscription, 'rotated');
  const overlap = overlapSeconds > 0;
  return {
    ...subscription,
    secret,
    previousSecret: overlap ? subscription.secret : null,
    previousSecretExpiresAt: overlap ? new Date(now.getTime() + overlapSeconds * 1000) : null,
    updatedAt: now,
  };
}

/**
 * Moves a stream's cursor back so every fact from `fromPosition` on is delivered again, after what is queued.
 * Only backwards: a cursor never skips facts the subscription has not seen.
 */
export function rewindSubscription(subscription: WebhookSubscription, stream: 'ledger' | 'recon', fromPosition: bigint, now: Date): WebhookSubscription {
  requireNotDeleted(subscription, 'replayed');
  const current = BigInt(stream === 'ledger' ? subscription.ledgerPosition : subscription.reconPosition);
  const rewound = fromPosition - 1n < current ? fromPosition - 1n : current;
  const position = (rewound < 0n ? 0n : rewound).toString();
  return stream === 'ledger' ? { ...subscription, ledgerPosition: position, updatedAt: now } : { ...subscription, reconPosition: position, updatedAt: now };
}

const descriptionLengthMax = 200;

/** A label for people: trimmed, at most 200 characters; empty means none. */
export function parseDescription(value: string | null | undefined, field = 'description'): string | null {
  const trimmed = value?.trim() ?? '';
  if (trimmed.length > descriptionLengthMax) throw ValidationFailed.field(field, `must be at most ${descriptionLengthMax} characters`);
  return trimmed === '' ? null : trimmed;
}

/** A position to replay from: a positive 64-bit integer, as digits. */
export function parsePosition(value: string, field: string): bigint {
  if (!/^[1-9]\d{0,17}$/.test(value)) throw ValidationFailed.field(field, 'must be a position: a positive integer of at most 18 digits');
  return BigInt(value);
}
