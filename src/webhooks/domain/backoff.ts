/** When to try a failed delivery again: exponential, capped, with jitter so receivers that recover together are not hit together. */
export interface BackoffSchedule {
  /** Delay after the first failure, in milliseconds. */
  readonly baseMs: number;
  /** No delay is longer than this. */
  readonly capMs: number;
}

/**
 * The delay after `failures` consecutive failures (1 for the first): base x 2^(failures - 1), capped, then "equal
 * jitter": half of it fixed, the other half uniformly random, so a delay never drops below half the schedule's.
 * `random` returns [0, 1) (Math.random in production, fixed in tests).
 */
export function retryDelayMs(schedule: BackoffSchedule, failures: number, random: () => number): number {
  if (!Number.isInteger(failures) || failures < 1) throw new Error(`retryDelayMs: failures must be a positive integer, got ${failures}`);
  // 2^31 already exceeds any sensible cap; the exponent is bounded so the number never overflows.
  const exponential = schedule.baseMs * 2 ** Math.min(failures - 1, 31);
  const delay = Math.min(schedule.capMs, exponential);
  return Math.round(delay / 2 + random() * (delay / 2));
}
