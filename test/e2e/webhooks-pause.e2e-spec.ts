import { parseMetrics, sampleValue } from '../support/metrics-text.js';
import { eventually } from '../support/poll.js';
import { useTestApp } from '../support/test-app.js';
import { deleteSubscriptions, WebhookReceiver } from '../support/webhook-receiver.js';

/** A receiver that keeps failing: after WEBHOOK_ATTEMPTS_MAX attempts its subscription pauses at that delivery. */
describe('a webhook subscription that pauses and resumes', () => {
  const { http, ledger } = useTestApp({
    WEBHOOK_ALLOW_PRIVATE_URLS: 'true',
    WEBHOOK_DISPATCH_INTERVAL_MS: '100',
    WEBHOOK_TIMEOUT_MS: '1000',
    WEBHOOK_ATTEMPTS_MAX: '3',
    WEBHOOK_RETRY_BASE_MS: '50',
    WEBHOOK_RETRY_MAX_MS: '100',
    RETENTION_SWEEP_INTERVAL_SECONDS: '0',
    VERIFY_INTERVAL_SECONDS: '0',
  });
  const receiver = new WebhookReceiver();
  let subscriptionId: string;

  beforeAll(async () => {
    await receiver.start();
  });
  afterAll(async () => {
    if (subscriptionId) await deleteSubscriptions([subscriptionId]);
    await receiver.stop();
  });

  it('pauses at the failing delivery (metric and reason), sends nothing behind it, and resumes from there in order', async () => {
    const { account, float } = await ledger.fundedAccount('100.00');
    receiver.mode = 'fail';
    subscriptionId = (await http().post('/webhooks/subscriptions').send({ url: receiver.url, event_types: ['transfer.posted'] }).expect(201)).body.id;
    const posted = [(await ledger.transfer(account, float, '1.00').expect(201)).body.id as string];

    const paused = await eventually(async () => {
      const current = (await http().get(`/webhooks/subscriptions/${subscriptionId}`).expect(200)).body;
      return current.status === 'paused' ? current : undefined;
    });
    expect(paused.paused_reason).toMatch(/^delivery \d+ \(transfer\.posted [0-9a-f-]{36}\) failed 3 times; last: HTTP 500: receiver says no$/);
    const metrics = parseMetrics((await http().get('/metrics').expect(200)).text);
    expect(sampleValue(metrics, 'tally_webhook_subscriptions', { status: 'paused' })).toBeGreaterThanOrEqual(1);
    expect(sampleValue(metrics, 'tally_webhook_subscriptions_paused_total')).toBe(1);
    expect(sampleValue(metrics, 'tally_webhook_attempts_total', { result: 'failure' })).toBe(3);
    expect(sampleValue(metrics, 'tally_webhook_backlog_seconds', { subscription: subscriptionId })).toBeGreaterThan(0);

    // Paused: later transfers wait behind the failed one, and nothing at all is sent.
    posted.push((await ledger.transfer(account, float, '2.00').expect(201)).body.id, (await ledger.transfer(account, float, '3.00').expect(201)).body.id);
    await new Promise((resume) => setTimeout(resume, 600));
    expect(receiver.requests).toHaveLength(3);
    expect(new Set(receiver.requests.map((request) => request.deliveryId)).size).toBe(1);
    const head = (await http().get(`/webhooks/subscriptions/${subscriptionId}/deliveries?status=pending`).expect(200)).body.data[0];
    const attempts = (await http().get(`/webhooks/deliveries/${head.id}`).expect(200)).body.attempt_log;
    expect(attempts.map((attempt: { status_code: number }) => attempt.status_code)).toEqual([500, 500, 500]);
    expect(attempts.every((attempt: { latency_ms: number; error: string }) => attempt.latency_ms >= 0 && attempt.error === 'HTTP 500: receiver says no')).toBe(true);

    receiver.mode = 'ok';
    const resumed = (await http().post(`/webhooks/subscriptions/${subscriptionId}/resume`).expect(200)).body;
    expect(resumed).toMatchObject({ status: 'active', paused_reason: null });
    await eventually(async () => (receiver.accepted().length >= 3 ? true : undefined));
    expect(receiver.accepted().map((request) => (JSON.parse(request.body) as { data: { id: string } }).data.id)).toEqual(posted);
    expect(receiver.accepted()[0].deliveryId).toBe(Number(head.id));
  });

  it('can be paused and resumed by hand, and refuses to resume once deleted', async () => {
    const paused = (await http().post(`/webhooks/subscriptions/${subscriptionId}/pause`).expect(200)).body;
    expect(paused).toMatchObject({ status: 'paused', paused_reason: expect.stringMatching(/^paused by /) });
    await http().delete(`/webhooks/subscriptions/${subscriptionId}`).expect(200);
    expect((await http().post(`/webhooks/subscriptions/${subscriptionId}/resume`).expect(409)).body.code).toBe('WEBHOOK_SUBSCRIPTION_STATE');
  });
});
