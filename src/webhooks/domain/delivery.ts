import { retryDelayMs, type BackoffSchedule } from './backoff.js';
import type { FactStream } from './event-types.js';

export type DeliveryStatus = 'pending' | 'delivered' | 'cancelled';

/** One fact to send to one subscription; the subscription's deliveries go out strictly in `id` order. */
export interface Delivery {
  readonly id: string;
  readonly subscriptionId: string;
  readonly eventId: string;
  readonly eventType: string;
  readonly stream: FactStream;
  readonly position: string;
  /** The exact bytes sent, on every attempt and replay. */
  readonly body: string;
  readonly status: DeliveryStatus;
  readonly attempts: number;
  readonly nextAttemptAt: Date;
  readonly lastError: string | null;
  readonly replayOf: string | null;
  readonly createdAt: Date;
  readonly finishedAt: Date | null;
}

/** One attempt as recorded: when, the receiver's status (null when none came back), how long, and why it failed. */
export interface AttemptRecord {
  readonly attemptedAt: Date;
  readonly statusCode: number | null;
  readonly latencyMs: number;
  readonly error: string | null;
}

export interface AttemptResult {
  readonly statusCode: number | null;
  readonly error: string | null;
}

export interface RetryPolicy {
  readonly attemptsMax: number;
  readonly backoff: BackoffSchedule;
}

export interface AttemptOutcome {
  readonly delivery: Delivery;
  /** Set when this failure exhausted the attempts: the subscription pauses at this delivery, with this reason. */
  readonly pauseReason?: string;
}

export function isSuccess(result: AttemptResult): boolean {
  return result.error === null && result.statusCode !== null && result.statusCode >= 200 && result.statusCode < 300;
}

/** What one attempt does to its delivery: delivered, or retried later with backoff, or (at the last attempt) the subscription pauses. */
export function afterAttempt(delivery: Delivery, result: AttemptResult, policy: RetryPolicy, now: Date, random: () => number): AttemptOutcome {
  const attempts = delivery.attempts + 1;
  if (isSuccess(result)) return { delivery: { ...delivery, status: 'delivered', attempts, lastError: null, finishedAt: now } };
  const lastError = result.error ?? `HTTP ${result.statusCode}`;
  const retried = { ...delivery, attempts, lastError, nextAttemptAt: new Date(now.getTime() + retryDelayMs(policy.backoff, attempts, random)) };
  if (attempts < policy.attemptsMax) return { delivery: retried };
  return { delivery: retried, pauseReason: `delivery ${delivery.id} (${delivery.eventType} ${delivery.eventId}) failed ${attempts} times; last: ${lastError}` };
}

/** Resuming gives the head delivery a fresh set of attempts, due now; its earlier attempts stay recorded. */
export function retryNow(delivery: Delivery, now: Date): Delivery {
  return { ...delivery, attempts: 0, nextAttemptAt: now };
}
