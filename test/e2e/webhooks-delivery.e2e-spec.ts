import { randomUUID } from 'node:crypto';
import { eventually } from '../support/poll.js';
import { jobFinished } from '../support/recon-jobs.js';
import { useTestApp } from '../support/test-app.js';
import { deleteSubscriptions, documentedCheck, WebhookReceiver } from '../support/webhook-receiver.js';

/**
 * Delivery end to end: the real app and its dispatcher on the run's database, a receiver in this process. Short
 * intervals and backoff so a failure is retried within milliseconds; many attempts so the subscription does not
 * pause here (webhooks-pause.e2e-spec.ts does that).
 */
describe('webhook delivery', () => {
  const { http, ledger } = useTestApp({
    WEBHOOK_ALLOW_PRIVATE_URLS: 'true',
    WEBHOOK_DISPATCH_INTERVAL_MS: '100',
    WEBHOOK_TIMEOUT_MS: '400',
    WEBHOOK_ATTEMPTS_MAX: '60',
    WEBHOOK_RETRY_BASE_MS: '50',
    WEBHOOK_RETRY_MAX_MS: '200',
    RECON_UNMATCHED_ALERT_THRESHOLD: '0',
    RETENTION_SWEEP_INTERVAL_SECONDS: '0',
    VERIFY_INTERVAL_SECONDS: '0',
  });
  const receiver = new WebhookReceiver();
  let subscription: { id: string; secret: string };
  let source: string;
  let destination: string;
  const transfers: string[] = [];

  const eventIdOf = async (transferId: string): Promise<string> => {
    const events = await http().get(`/ledger/events/?transfer_id=${transferId}`).expect(200);
    return events.body.data[0].id;
  };
  const postTransfer = async () => {
    const response = await ledger.transfer(source, destination, '1.00', { reference: `HOOK-${transfers.length + 1}` }).expect(201);
    transfers.push(response.body.id);
    return response.body.id as string;
  };
  const attemptsOf = async () => {
    const page = await http().get(`/webhooks/subscriptions/${subscription.id}/deliveries?limit=500`).expect(200);
    const details = await Promise.all(page.body.data.map((delivery: { id: string }) => http().get(`/webhooks/deliveries/${delivery.id}`).expect(200)));
    return details.flatMap((detail) => detail.body.attempt_log as { status_code: number | null; error: string | null }[]);
  };
  /** Every delivery answered and recorded: the dispatcher records an answer a moment after the receiver gave it. */
  const settled = () =>
    eventually(async () => ((await http().get(`/webhooks/subscriptions/${subscription.id}/deliveries?status=pending`).expect(200)).body.data.length === 0 ? true : undefined));
  const attemptFailed = (match: (attempt: { status_code: number | null; error: string | null }) => boolean) =>
    eventually(async () => ((await attemptsOf()).some(match) ? true : undefined), 15_000);

  beforeAll(async () => {
    await receiver.start();
    ({ account: source } = await ledger.fundedAccount('1000.00'));
    destination = await ledger.openAccount();
    const created = await http()
      .post('/webhooks/subscriptions')
      .send({ url: receiver.url, event_types: ['transfer.posted', 'recon.job.completed', 'recon.job.failed', 'recon.unmatched_above_threshold'], description: 'delivery e2e' })
      .expect(201);
    subscription = created.body;
    expect(subscription.secret).toMatch(/^whsec_/);
  });
  afterAll(async () => {
    if (subscription) await deleteSubscriptions([subscription.id]);
    await receiver.stop();
  });

  it('loses nothing and keeps the order through a receiver that is down, slow, answers 500, then recovers', async () => {
    await postTransfer();
    await postTransfer();
    await receiver.acceptedAll(await Promise.all(transfers.map(eventIdOf)));

    await receiver.stop();
    await postTransfer();
    await postTransfer();
    await attemptFailed((attempt) => attempt.status_code === null && /ECONNREFUSED/.test(attempt.error ?? ''));

    receiver.mode = 'slow';
    await receiver.start();
    await postTransfer();
    await attemptFailed((attempt) => /no answer within 400 ms/.test(attempt.error ?? ''));

    receiver.mode = 'fail';
    await attemptFailed((attempt) => attempt.status_code === 500 && attempt.error === 'HTTP 500: receiver says no');

    receiver.mode = 'ok';
    await postTransfer();
    const expected = await Promise.all(transfers.map(eventIdOf));
    await receiver.acceptedAll(expected);

    // In order: a delivery is never sent before the one ahead of it was accepted, so delivery ids only repeat or grow,
    // and the transfers were first accepted in the order they were posted.
    const ids = receiver.requests.map((request) => request.deliveryId);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    const firstAccepted = [...new Set(receiver.accepted().map((request) => request.eventId))];
    expect(firstAccepted).toEqual(expected);
    const bodies = receiver.accepted().map((request) => JSON.parse(request.body) as { type: string; data: { id: string }; position: string });
    expect([...new Set(bodies.map((body) => body.data.id))]).toEqual(transfers);
    expect(bodies.every((body) => body.type === 'transfer.posted')).toBe(true);

    // The receiver has answered; the dispatcher records the last answer a moment later.
    const statuses = () => http().get(`/webhooks/subscriptions/${subscription.id}/deliveries`).expect(200).then((response) => response.body.data.map((delivery: { status: string }) => delivery.status));
    await eventually(async () => ((await statuses()).every((status: string) => status === 'delivered') ? true : undefined));
    expect(await statuses()).toEqual(transfers.map(() => 'delivered'));
    const retried = await attemptsOf();
    expect(retried.filter((attempt) => attempt.status_code === 204).length).toBe(transfers.length);
  });

  it('signs every request so the documented check accepts it, and refuses a forged or altered one', () => {
    expect(receiver.requests.length).toBeGreaterThan(0);
    for (const request of receiver.requests) {
      const header = request.headers['tally-signature'] as string;
      expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
      expect(documentedCheck(header, subscription.secret, request.body)).toBe(true);
      expect(documentedCheck(header, 'whsec_someone-elses-secret-that-is-long-enough', request.body)).toBe(false);
      expect(documentedCheck(header, subscription.secret, request.body.replace('"1.00"', '"1000.00"'))).toBe(false);
      const [t] = header.split(',');
      const forged = `${t},v1=${'0'.repeat(64)}`;
      expect(documentedCheck(forged, subscription.secret, request.body)).toBe(false);
      // A replay of a captured request an hour later is refused on its timestamp.
      expect(documentedCheck(header, subscription.secret, request.body, Number(t.slice(2)) + 3_600)).toBe(false);
    }
  });

  it('sends recon facts written with the job: completed with unmatched records (above the threshold), and failed', async () => {
    const csv = `txn_id,date,amount,currency,description\nHOOK-${randomUUID().slice(0, 8)},2031-03-03 10:00:00,1.23,USD,NOTHING-MATCHES\n`;
    const completed = await http().post('/recon/run').field('source', 'bank_csv').field('date', '2031-03-03').attach('file', Buffer.from(csv), 'bank.csv').expect(202);
    // One job of a source at a time (a second start answers 409 RECON_JOB_RUNNING): the failing one starts after.
    expect((await jobFinished(http, completed.body.job_id)).status).toBe('completed');
    const failed = await http().post('/recon/run').field('source', 'bank_csv').field('date', '2031-03-03').attach('file', Buffer.from('a,b\n1,2\n'), 'broken.csv').expect(202);
    expect((await jobFinished(http, failed.body.job_id)).status).toBe('failed');
    // This subscription's requests only (a receiver checks the signature first), recon facts only.
    const reconFacts = () =>
      receiver
        .accepted()
        .filter((request) => documentedCheck(request.headers['tally-signature'] as string, subscription.secret, request.body))
        .map((request) => ({ deliveryId: request.deliveryId, ...(JSON.parse(request.body) as { id: string; type: string; stream: string; data: Record<string, unknown> }) }))
        .filter((body) => body.stream === 'recon');
    await eventually(async () => (new Set(reconFacts().map((fact) => fact.id)).size >= 3 ? true : undefined));
    // At least once, in order: an event may be accepted twice (an answer lost on the way back), so each event is
    // taken at its first acceptance. The whole list is in the failure message, to tell a repeat from a reorder.
    const byJob = (jobId: string) => {
      const firsts = new Map<string, string>();
      for (const fact of reconFacts()) if (fact.data.job_id === jobId && !firsts.has(fact.id)) firsts.set(fact.id, fact.type);
      return [...firsts.values()];
    };
    const received = () => reconFacts().map((fact) => `${fact.deliveryId} ${fact.type} ${fact.id} job ${String(fact.data.job_id)}`);
    expect({ types: byJob(completed.body.job_id), received: received() }).toEqual({ types: ['recon.job.completed', 'recon.unmatched_above_threshold'], received: expect.any(Array) });
    expect({ types: byJob(failed.body.job_id), received: received() }).toEqual({ types: ['recon.job.failed'], received: expect.any(Array) });
    const alert = reconFacts().find((fact) => fact.type === 'recon.unmatched_above_threshold')!;
    expect(alert.data).toMatchObject({ source: 'bank_csv', date: '2031-03-03', unmatched_external: 1, unmatched_internal: 0, threshold: 0 });
  });

  it('sends both signatures while a rotated secret overlaps, then only the new one', async () => {
    const rotated = (await http().post(`/webhooks/subscriptions/${subscription.id}/rotate-secret`).send({ overlap_seconds: 600 }).expect(200)).body;
    expect(rotated.secret).not.toBe(subscription.secret);
    const during = await postTransfer();
    await receiver.acceptedAll([await eventIdOf(during)]);
    const overlapping = receiver.accepted().at(-1)!;
    expect((overlapping.headers['tally-signature'] as string).split(',')).toHaveLength(3);
    expect(documentedCheck(overlapping.headers['tally-signature'] as string, subscription.secret, overlapping.body)).toBe(true);
    expect(documentedCheck(overlapping.headers['tally-signature'] as string, rotated.secret, overlapping.body)).toBe(true);

    const final = (await http().post(`/webhooks/subscriptions/${subscription.id}/rotate-secret`).send({ overlap_seconds: 0 }).expect(200)).body;
    const after = await postTransfer();
    await receiver.acceptedAll([await eventIdOf(after)]);
    const last = receiver.accepted().at(-1)!;
    expect((last.headers['tally-signature'] as string).split(',')).toHaveLength(2);
    expect(documentedCheck(last.headers['tally-signature'] as string, final.secret, last.body)).toBe(true);
    expect(documentedCheck(last.headers['tally-signature'] as string, rotated.secret, last.body)).toBe(false);
    subscription = { ...subscription, secret: final.secret };
  });

  it('replays one delivery by id (same bytes, new delivery id) and a stream from a position (again, in order)', async () => {
    await settled();
    const deliveries = (await http().get(`/webhooks/subscriptions/${subscription.id}/deliveries?status=delivered&limit=500`).expect(200)).body.data;
    const original = deliveries.find((delivery: { event_type: string }) => delivery.event_type === 'transfer.posted');
    const originalBody = receiver.accepted().find((request) => request.deliveryId === Number(original.id))!.body;
    const replay = (await http().post(`/webhooks/deliveries/${original.id}/replay`).expect(202)).body;
    expect(replay).toMatchObject({ replay_of: original.id, event_id: original.event_id, status: 'pending' });
    await eventually(async () => (receiver.accepted().some((request) => request.deliveryId === Number(replay.id)) ? true : undefined));
    await settled();
    const replayed = receiver.accepted().find((request) => request.deliveryId === Number(replay.id))!;
    expect(replayed.body).toBe(originalBody);
    expect(replayed.eventId).toBe(original.event_id);

    const ledgerDeliveries = deliveries.filter((delivery: { stream: string }) => delivery.stream === 'ledger');
    const from = ledgerDeliveries[ledgerDeliveries.length - 3];
    const before = receiver.requests.length;
    const rewound = (await http().post(`/webhooks/subscriptions/${subscription.id}/replay`).send({ from_ledger_position: from.position }).expect(202)).body;
    expect(rewound.subscription.ledger_position).toBe(String(BigInt(from.position) - 1n));
    const again = ledgerDeliveries.slice(-3).map((delivery: { event_id: string }) => delivery.event_id);
    await eventually(async () => (receiver.requests.slice(before).filter((request) => request.status === 204).length >= 3 ? true : undefined));
    expect(receiver.requests.slice(before).map((request) => request.eventId)).toEqual(again);
    await http().post(`/webhooks/subscriptions/${subscription.id}/replay`).send({ from_ledger_position: '1', from_recon_position: '1' }).expect(400);
    await http().post(`/webhooks/subscriptions/${subscription.id}/replay`).send({}).expect(400);
  });
});
