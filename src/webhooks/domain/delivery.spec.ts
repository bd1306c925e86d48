import { afterAttempt, retryNow, type Delivery } from './delivery.js';

const now = new Date('2026-12-01T10:00:00Z');
const policy = { attemptsMax: 3, backoff: { baseMs: 1_000, capMs: 10_000 } };
const pending: Delivery = {
  id: '7', subscriptionId: 's', eventId: 'e', eventType: 'transfer.posted', stream: 'ledger', position: '12', body: '{}', status: 'pending', attempts: 0,
  nextAttemptAt: now, lastError: null, replayOf: null, createdAt: now, finishedAt: null,
};

describe('a delivery attempt (given a pending delivery)', () => {
  it('when the receiver answers 2xx: delivered, finished now', () => {
    const { delivery, pauseReason } = afterAttempt(pending, { statusCode: 204, error: null }, policy, now, () => 0);
    expect(delivery).toMatchObject({ status: 'delivered', attempts: 1, finishedAt: now, lastError: null });
    expect(pauseReason).toBeUndefined();
  });

  it('when it fails: still pending, retried after the backoff, the error kept', () => {
    const { delivery, pauseReason } = afterAttempt(pending, { statusCode: 500, error: 'HTTP 500: down' }, policy, now, () => 0);
    expect(delivery).toMatchObject({ status: 'pending', attempts: 1, lastError: 'HTTP 500: down', finishedAt: null });
    expect(delivery.nextAttemptAt.getTime() - now.getTime()).toBe(500);
    expect(pauseReason).toBeUndefined();
  });

  it('a 3xx or a status without error text is a failure too', () => {
    expect(afterAttempt(pending, { statusCode: 302, error: 'HTTP 302 (redirects are not followed)' }, policy, now, () => 0).delivery.status).toBe('pending');
    expect(afterAttempt(pending, { statusCode: 199, error: null }, policy, now, () => 0).delivery.lastError).toBe('HTTP 199');
  });

  it('when the last allowed attempt fails: the subscription pauses at this delivery, which stays pending', () => {
    const second = { ...pending, attempts: 2 };
    const { delivery, pauseReason } = afterAttempt(second, { statusCode: null, error: 'ECONNREFUSED' }, policy, now, () => 0);
    expect(delivery).toMatchObject({ status: 'pending', attempts: 3 });
    expect(pauseReason).toBe('delivery 7 (transfer.posted e) failed 3 times; last: ECONNREFUSED');
  });

  it('a resume gives the head a fresh set of attempts, due now', () => {
    const later = new Date(now.getTime() + 60_000);
    expect(retryNow({ ...pending, attempts: 3, nextAttemptAt: new Date(now.getTime() + 3_600_000) }, later)).toMatchObject({ attempts: 0, nextAttemptAt: later });
  });
});
