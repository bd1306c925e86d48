import { retryDelayMs, type BackoffSchedule } from './backoff.js';

/** The longest total wait before a pause: every delay at its maximum, for `attemptsMax` attempts. */
function longestWaitMs(schedule: BackoffSchedule, attemptsMax: number): number {
  let total = 0;
  for (let failures = 1; failures < attemptsMax; failures++) total += retryDelayMs(schedule, failures, () => 1 - Number.EPSILON);
  return total;
}

const schedule = { baseMs: 1_000, capMs: 60_000 };

describe('retry backoff', () => {
  it('doubles from the base up to the cap, jitter taking at most half away', () => {
    const high = (failures: number) => retryDelayMs(schedule, failures, () => 1 - Number.EPSILON);
    const low = (failures: number) => retryDelayMs(schedule, failures, () => 0);
    expect([1, 2, 3, 4, 5, 6, 7, 8].map(high)).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000]);
    expect([1, 2, 3, 7].map(low)).toEqual([500, 1_000, 2_000, 30_000]);
    expect(retryDelayMs(schedule, 3, () => 0.5)).toBe(3_000);
  });

  it('stays finite for absurd failure counts and refuses nonsense', () => {
    expect(retryDelayMs(schedule, 10_000, () => 0.99)).toBeLessThanOrEqual(60_000);
    expect(() => retryDelayMs(schedule, 0, Math.random)).toThrow();
    expect(() => retryDelayMs(schedule, 1.5, Math.random)).toThrow();
  });

  it('keeps the defaults (15 attempts from 10 s, capped at an hour) within the 6.4 hours the README states', () => {
    // attempts 1..4 fail and wait 1 + 2 + 4 s; the 5th attempt is the last.
    expect(longestWaitMs(schedule, 5)).toBe(15_000);
    expect(longestWaitMs({ baseMs: 10_000, capMs: 3_600_000 }, 15)).toBe(23_110_000);
  });
});
