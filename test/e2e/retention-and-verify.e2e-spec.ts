import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { RetentionSweeper } from '../../src/maintenance/retention/retention-sweeper.js';
import { parseMetrics, sampleValue } from '../support/metrics-text.js';
import { eventually } from '../support/poll.js';
import { runCli } from '../support/run-cli.js';
import { ScratchDatabase } from '../support/scratch-database.js';
import { startApp } from '../support/test-app.js';

const day = 86_400_000;

/** Retention and the scheduled verify, on a database of this suite's own (its last test damages the log on purpose). */
describe('retention and the scheduled verify', () => {
  let database: ScratchDatabase;
  let uploadDir: string;
  let app: NestFastifyApplication;
  const http = () => request(app.getHttpServer());
  const sql = (text: string, parameters: unknown[] = []) => app.get(DataSource).query(text, parameters);
  const metric = async (name: string, labels?: Record<string, string>) => sampleValue(parseMetrics((await http().get('/metrics').expect(200)).text), name, labels);
  const ago = (milliseconds: number) => new Date(Date.now() - milliseconds);
  const upload = async (ageMilliseconds: number, name = `${randomUUID()}.csv`) => {
    await writeFile(join(uploadDir, name), 'txn_id,date,amount,currency,description\n');
    await utimes(join(uploadDir, name), ago(ageMilliseconds), ago(ageMilliseconds));
    return name;
  };

  beforeAll(async () => {
    database = await ScratchDatabase.create('tally_retention');
    uploadDir = await mkdtemp(join(tmpdir(), 'tally-uploads-'));
    app = await startApp({
      DATABASE_URL: database.url,
      RECON_UPLOAD_DIR: uploadDir,
      RETENTION_UPLOAD_DAYS: '365',
      RETENTION_RECON_STAGING_DAYS: '1',
      RETENTION_IDEMPOTENCY_KEY_DAYS: '30',
      RETENTION_WEBHOOK_ATTEMPT_DAYS: '30',
      RETENTION_SWEEP_INTERVAL_SECONDS: '0',
      VERIFY_INTERVAL_SECONDS: '1',
    });
  });
  afterAll(async () => {
    await app?.close();
    await database?.drop();
    await rm(uploadDir, { recursive: true, force: true });
  });

  it('sweeps only what is past its age: uploads, recon staging, idempotency keys, webhook attempts and finished deliveries', async () => {
    const [usedOld, usedYoung, , orphanYoung] = [await upload(400 * day), await upload(300 * day), await upload(2 * day), await upload(3_600_000)];
    await upload(400 * day, 'notes.txt');
    // Jobs name the files they used; by file name, wherever the directory was then.
    for (const name of [usedOld, usedYoung]) {
      await sql(`INSERT INTO recon_jobs (id, source, business_date, period_from, period_to, trigger, parameters, status) VALUES ($1, 'bank_csv', '2025-07-13', '2025-07-13', '2025-07-13', 'api', $2, 'completed')`, [
        randomUUID(), JSON.stringify({ file_path: `/srv/old-uploads/${name}` }),
      ]);
    }
    await sql(`INSERT INTO idempotency_keys (scope, key, request_hash, response_status, response_body, created_at) VALUES
               ('retention-test', 'old', 'h', 201, '{}', now() - interval '31 days'), ('retention-test', 'young', 'h', 201, '{}', now() - interval '29 days')`);
    const [subscription] = await sql(`INSERT INTO webhook_subscriptions (id, url, event_types, secret, status, paused_at, ledger_position, recon_position)
                                      VALUES ($1, 'https://203.0.113.9/', '{recon.job.failed}', 'whsec_retention-test-secret-0123456789ab', 'paused', now(), 0, 0) RETURNING id`, [randomUUID()]);
    const delivery = async (status: string, finishedDaysAgo: number | null, attemptDaysAgo: number[]) => {
      const [row] = await sql(
        `INSERT INTO webhook_deliveries (subscription_id, event_id, event_type, stream, position, body, status, finished_at, created_at)
         VALUES ($1, $2, 'recon.job.failed', 'recon', 1, '{}', $3, CASE WHEN $4::int IS NULL THEN NULL ELSE now() - make_interval(days => $4::int) END, now() - interval '40 days') RETURNING id::text AS id`,
        [subscription.id, randomUUID(), status, finishedDaysAgo],
      );
      for (const days of attemptDaysAgo) await sql(`INSERT INTO webhook_attempts (delivery_id, attempted_at, status_code, latency_ms) VALUES ($1, now() - make_interval(days => $2), 500, 10)`, [row.id, days]);
      return row.id as string;
    };
    const oldDelivered = await delivery('delivered', 31, [31]);
    const youngDelivered = await delivery('delivered', 29, [29]);
    const oldPending = await delivery('pending', null, [35, 1]);

    expect(await app.get(RetentionSweeper).sweep()).toEqual({ uploads: 1, recon_staging: 1, idempotency_keys: 1, webhook_attempts: 2, webhook_deliveries: 1 });

    expect((await readdir(uploadDir)).sort()).toEqual([usedYoung, orphanYoung, 'notes.txt'].sort());
    expect(await sql(`SELECT key FROM idempotency_keys WHERE scope = 'retention-test'`)).toEqual([{ key: 'young' }]);
    const deliveries: { id: string; attempts: number }[] = await sql(
      `SELECT d.id::text AS id, (SELECT count(*)::int FROM webhook_attempts a WHERE a.delivery_id = d.id) AS attempts FROM webhook_deliveries d WHERE d.subscription_id = $1 ORDER BY d.id`,
      [subscription.id],
    );
    expect(deliveries).toEqual([{ id: youngDelivered, attempts: 1 }, { id: oldPending, attempts: 1 }]);
    expect(deliveries.map((row) => row.id)).not.toContain(oldDelivered);
  });

  it('sweeps from the CLI too, and records the run for the metrics', async () => {
    await upload(3 * day);
    const result = await runCli(['retention:sweep'], { DATABASE_URL: database.url, RECON_UPLOAD_DIR: uploadDir });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/recon_staging\s+1\n/);
    expect(await metric('tally_retention_swept', { target: 'recon_staging' })).toBe(1);
    expect(await metric('tally_retention_last_sweep_timestamp_seconds')).toBeGreaterThan(Date.now() / 1000 - 60);
  }, 120_000);

  it('exports the scheduled verify: 1 while the log is whole, 0 with findings once it is damaged', async () => {
    const float = (await http().post('/ledger/account/').send({ currency: 'USD', type: 'internal', allow_overdraft: true }).expect(201)).body.id;
    const account = (await http().post('/ledger/account/').send({ currency: 'USD', type: 'user' }).expect(201)).body.id;
    await http().post('/ledger/transfer/').send({ source_account_id: float, destination_account_id: account, amount: '10.00', currency: 'USD' }).expect(201);
    const posted = Date.now() / 1000;
    await eventually(async () => ((await metric('tally_ledger_verify_last_finished_timestamp_seconds')) ?? 0) > posted + 0.5 ? true : undefined);
    expect(await metric('tally_ledger_verify_ok')).toBe(1);
    expect(await metric('tally_ledger_verify_findings')).toBe(0);

    await database.query(`ALTER TABLE events DISABLE TRIGGER USER;
                          UPDATE events SET payload = jsonb_set(payload, '{amount}', '"1.00"') WHERE type = 'AccountCredited';
                          ALTER TABLE events ENABLE TRIGGER USER;`);
    await eventually(async () => ((await metric('tally_ledger_verify_ok')) === 0 ? true : undefined));
    expect(await metric('tally_ledger_verify_findings')).toBeGreaterThan(0);
    const [run] = await sql(`SELECT ok, result->'first_findings'->0->>'kind' AS kind FROM scheduled_runs WHERE job = 'verify'`);
    expect(run.ok).toBe(false);
    expect(typeof run.kind).toBe('string');
  });
});
