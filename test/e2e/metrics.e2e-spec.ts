import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { ApiKeyStore } from '../../src/auth/api-key.store.js';
import { parseMetrics, sampleValue, type Sample } from '../support/metrics-text.js';
import { eventually } from '../support/poll.js';
import { useTestApp } from '../support/test-app.js';

const testActor = { actor: 'test-suite' };

describe('GET /metrics', () => {
  const context = useTestApp({ AUTH_REQUIRED: 'true', RATE_LIMIT_PER_MINUTE: '6000' });
  const { http } = context;
  const keys: Record<string, string> = {};
  const as = (key: string) => ({ Authorization: `Bearer ${key}` });
  const scrape = async (): Promise<Sample[]> => {
    const response = await http().get('/metrics').set(as(keys.admin)).expect(200);
    expect(response.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
    return parseMetrics(response.text);
  };

  beforeAll(async () => {
    const store = context.app.get(ApiKeyStore);
    keys.admin = (await store.create(`metrics-admin-${Date.now()}`, ['admin'], testActor)).key;
    keys.writer = (await store.create(`metrics-writer-${Date.now()}`, ['ledger:read', 'ledger:write'], testActor)).key;
  });

  it('needs the admin scope when authentication is on', async () => {
    expect((await http().get('/metrics').expect(401)).body.code).toBe('UNAUTHENTICATED');
    expect((await http().get('/metrics').set(as(keys.writer)).expect(403)).body.message).toContain('admin');
  });

  it('counts a known sequence of requests exactly', async () => {
    const open = (body: Record<string, unknown>, idempotencyKey?: string) => {
      const call = http().post('/ledger/account/').set(as(keys.writer));
      return (idempotencyKey ? call.set('Idempotency-Key', idempotencyKey) : call).send({ type: 'user', ...body }).expect(201);
    };
    const transfer = (source: string, destination: string, amount: string, currency: string, idempotencyKey?: string) => {
      const call = http().post('/ledger/transfer/').set(as(keys.writer));
      return (idempotencyKey ? call.set('Idempotency-Key', idempotencyKey) : call).send({ source_account_id: source, destination_account_id: destination, amount, currency });
    };
    const accountKey = `metrics-open-${randomUUID()}`;
    const float = (await open({ currency: 'USD', type: 'internal', allow_overdraft: true }, accountKey)).body.id;
    await open({ currency: 'USD', type: 'internal', allow_overdraft: true }, accountKey); // replayed
    const alice = (await open({ currency: 'USD' })).body.id;
    const euros = (await open({ currency: 'EUR' })).body.id;
    const transferKey = `metrics-transfer-${randomUUID()}`;
    await transfer(float, alice, '100.00', 'USD', transferKey).expect(201);
    await transfer(float, alice, '100.00', 'USD', transferKey).expect(201); // replayed
    await transfer(alice, float, '30.00', 'USD').expect(201);
    expect((await transfer(alice, float, '1000.00', 'USD').expect(422)).body.code).toBe('INSUFFICIENT_FUNDS');
    expect((await transfer(alice, euros, '1.00', 'USD').expect(422)).body.code).toBe('CURRENCY_MISMATCH');
    expect((await transfer(alice, float, '1.001', 'USD').expect(400)).body.code).toBe('VALIDATION_FAILED');

    const samples = await scrape();
    const value = (name: string, labels?: Record<string, string>) => sampleValue(samples, name, labels);
    expect(value('tally_transfers_posted_total', { currency: 'USD' })).toBe(2);
    expect(value('tally_transfers_posted_total', { currency: 'EUR' })).toBeUndefined();
    expect(value('tally_transfers_refused_total', { currency: 'USD', code: 'INSUFFICIENT_FUNDS' })).toBe(1);
    expect(value('tally_transfers_refused_total', { currency: 'USD', code: 'CURRENCY_MISMATCH' })).toBe(1);
    // Refused by the request's validation, before the ledger decided anything: not a refused transfer.
    expect(samples.filter((sample) => sample.name === 'tally_transfers_refused_total')).toHaveLength(2);
    expect(value('tally_idempotent_replays_total', { command: 'transfer' })).toBe(1);
    expect(value('tally_idempotent_replays_total', { command: 'create_account' })).toBe(1);

    const requests = (method: string, route: string, status: string) => value('tally_http_request_duration_seconds_count', { method, route, status });
    expect(requests('POST', '/ledger/account', '201')).toBe(4);
    expect(requests('POST', '/ledger/transfer', '201')).toBe(3);
    expect(requests('POST', '/ledger/transfer', '422')).toBe(2);
    expect(requests('POST', '/ledger/transfer', '400')).toBe(1);
    expect(requests('GET', '/metrics', '401')).toBe(1);
    expect(requests('GET', '/metrics', '403')).toBe(1);
    expect(value('tally_http_request_duration_seconds_bucket', { method: 'POST', route: '/ledger/transfer', status: '201', le: '+Inf' })).toBe(3);

    const [{ head }] = await context.app.get(DataSource).query('SELECT max(position)::text AS head FROM events');
    expect(value('tally_event_log_head_position')).toBe(Number(head));
    expect(value('tally_db_pool_requests_waiting')).toBe(0);
    expect(value('tally_db_pool_connections_in_use')).toBeGreaterThanOrEqual(0);
    expect(value('process_cpu_user_seconds_total')).toBeGreaterThan(0);
  });

  it('exports every metric the example alert rules and Grafana dashboard in docs/ use', async () => {
    const response = await http().get('/metrics').set(as(keys.admin)).expect(200);
    const exported = new Set([...response.text.matchAll(/^# HELP (\S+)/gm)].map((match) => match[1]));
    const used = new Set(['docs/prometheus-alerts.yml', 'docs/grafana-dashboard.json'].flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/\btally_[a-z_]+/g)].map((match) => match[0])));
    expect(used.size).toBeGreaterThanOrEqual(9);
    expect([...used].filter((name) => !exported.has(name.replace(/_(bucket|count|sum)$/, '')))).toEqual([]);
  });

  it('counts reconciliation jobs by source and status, records matched by rule, and the age of the last success', async () => {
    const before = await scrape();
    const run = await http().post('/recon/run').set(as(keys.admin)).send({ source: 'bank_csv', date: '2025-07-13', file_path: 'bank_dump.csv' }).expect(202);
    const job = await eventually(async () => {
      const current = await http().get(`/recon/jobs/${run.body.job_id}`).set(as(keys.admin)).expect(200);
      return current.body.status === 'completed' ? current.body : undefined;
    });
    const summary = (await http().get(`/recon/summary/2025-07-13?job_id=${job.job_id}`).set(as(keys.admin)).expect(200)).body;
    const after = await scrape();
    const delta = (name: string, labels: Record<string, string>) => (sampleValue(after, name, labels) ?? 0) - (sampleValue(before, name, labels) ?? 0);
    expect(delta('tally_recon_jobs_total', { source: 'bank_csv', status: 'completed' })).toBe(1);
    expect(delta('tally_recon_jobs_total', { source: 'bank_csv', status: 'failed' })).toBe(0);
    expect(delta('tally_recon_records_matched_total', { source: 'bank_csv', rule: 'exact' })).toBe(summary.matched_exact);
    expect(delta('tally_recon_records_matched_total', { source: 'bank_csv', rule: 'fuzzy' })).toBe(summary.matched_fuzzy);
    const age = sampleValue(after, 'tally_recon_seconds_since_last_success', { source: 'bank_csv' });
    expect(age).toBeGreaterThanOrEqual(0);
    // No newer bank_csv job than ours can have completed, so the age is at most the time since ours finished.
    expect(age!).toBeLessThanOrEqual((Date.now() - Date.parse(job.finished_at)) / 1000 + 1);
  });
});
