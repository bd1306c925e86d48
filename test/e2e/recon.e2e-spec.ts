import { copyFileSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { runCli } from '../support/run-cli.js';
import { useTestApp } from '../support/test-app.js';
import { jobFinished } from '../support/recon-jobs.js';

const inbox = mkdtempSync(join(tmpdir(), 'tally-inbox-'));
copyFileSync('data/bank_dump.csv', join(inbox, 'bank_dump.csv'));
const env = { RECON_INBOX_DIR: inbox, RECON_UPLOAD_MAX_BYTES: '4096' };

describe('reconciliation (API and CLI on real PostgreSQL)', () => {
  const context = useTestApp(env);
  const { http } = context;

  const finished = (jobId: string) => jobFinished(http, jobId);

  // Other suites post transfers on the same dates into the shared test database: every run here is scoped
  // to the sample merchant account the seed creates.
  let merchant = '';
  beforeAll(async () => {
    const seeded = await runCli(['seed', '--recon'], env);
    expect(seeded.code).toBe(0);
    merchant = /merchant account ([0-9a-f-]{36})/.exec(seeded.stdout)![1];
  });

  it('runs the seed flow from the CLI: 2 exact matches and 1 fuzzy, nothing unmatched', async () => {
    const result = await runCli(['run-recon', '--source', 'bank_csv', '--date', '2025-07-13', '--file_path', join(inbox, 'bank_dump.csv'), '--account_id', merchant], env);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/matched_exact\s+2/);
    expect(result.stdout).toMatch(/matched_fuzzy\s+1/);
    expect(result.stdout).toMatch(/unmatched_external\s+0/);

    const status = await http().get('/recon/status/2025-07-13?source=bank_csv').expect(200);
    expect(status.body).toMatchObject({ source: 'bank_csv', date: '2025-07-13', status: 'completed', error: null, counts: { matched_exact: 2, matched_fuzzy: 1 } });
    const summary = await http().get('/recon/summary/2025-07-13?source=bank_csv').expect(200);
    expect(summary.body).toMatchObject({ external_total: 3, internal_total: 3, matched_exact: 2, matched_fuzzy: 1, unmatched_external: 0, unmatched_internal: 0, match_rate: 1 });
    const unmatched = await http().get('/recon/logs?source=bank_csv&date=2025-07-13&matched=false').expect(200);
    expect(unmatched.body).toEqual({ data: [], next_cursor: null });
    const matched = await http().get('/recon/logs?source=bank_csv&date=2025-07-13&matched=true').expect(200);
    const fuzzy = matched.body.data.find((log: { match_type: string }) => log.match_type === 'fuzzy');
    expect(fuzzy).toMatchObject({ external_id: 'BNK-0003', internal_reference: 'TXN1003X', score: 0.8675, amount_diff: '0.01', time_diff_minutes: 3 });
    expect(fuzzy).toMatchObject({ currency: 'USD', external_amount: '420.00', internal_amount: '420.01' });
    expect(fuzzy.reason_code).toBe('matched_fuzzy');
    expect(matched.body.data.map((log: { reason_code: string }) => log.reason_code).sort()).toEqual(['matched_exact', 'matched_exact', 'matched_fuzzy']);
    // Staging is scratch space: nothing of a finished job stays in it.
    const dataSource = context.app.get(DataSource);
    for (const table of ['recon_staging', 'recon_staging_ledger', 'recon_staging_candidates', 'recon_staging_matches']) {
      expect(await dataSource.query(`SELECT count(*)::int AS n FROM ${table} WHERE job_id = $1`, [status.body.job_id])).toEqual([{ n: 0 }]);
    }
    expect((await http().get(`/recon/summary/2025-07-13?source=bank_csv`).expect(200)).body.amounts.USD).toEqual({ external: '1759.99', internal: '1760.00', matched_external: '1759.99' });
  });

  it('gives the same answer through POST /recon/run with a JSON file_path and with an upload', async () => {
    const byPath = await http().post('/recon/run').send({ source: 'bank_csv', date: '2025-07-13', file_path: 'bank_dump.csv', account_id: merchant }).expect(202);
    expect(byPath.body).toEqual({ job_id: expect.any(String), status: 'pending' });
    // One job per source at a time (RECON_JOB_RUNNING): the upload starts once the first job has finished.
    await finished(byPath.body.job_id);
    const uploaded = await http().post('/recon/run').field('source', 'bank_csv').field('date', '2025-07-13').field('account_id', merchant).attach('file', 'data/bank_dump.csv').expect(202);
    // Jobs show no server paths: the inbox file as the client named it, the upload by its id.
    expect((await http().get(`/recon/jobs/${byPath.body.job_id}`).expect(200)).body.parameters).toMatchObject({ file_path: 'bank_dump.csv' });
    expect((await http().get(`/recon/jobs/${uploaded.body.job_id}`).expect(200)).body.parameters).toEqual(expect.objectContaining({ file_path: null, upload_id: expect.stringMatching(/^[0-9a-f-]{36}$/) }));
    for (const jobId of [byPath.body.job_id, uploaded.body.job_id]) {
      expect((await finished(jobId)).status).toBe('completed');
      const summary = await http().get(`/recon/summary/2025-07-13?job_id=${jobId}`).expect(200);
      expect(summary.body).toMatchObject({ job_id: jobId, matched_exact: 2, matched_fuzzy: 1, unmatched_external: 0, unmatched_internal: 0 });
    }
    const latest = await http().get('/recon/status/2025-07-13?source=bank_csv').expect(200);
    expect(latest.body.job_id).toBe(uploaded.body.job_id);
    const jobs = await http().get('/recon/jobs?date=2025-07-13&source=bank_csv').expect(200);
    expect(jobs.body.data.length).toBeGreaterThanOrEqual(3);
  });

  it('explains every unmatched record, logs bad rows with their line, and refuses unsupported currencies', async () => {
    writeFileSync(
      join(inbox, 'mixed.csv'),
      'txn_id,date,amount,currency,description\n' +
        'BNK-0001,2025-07-13 09:15:00,"1,250.00",USD,TXN-1001\n' +
        'BNK-0100,2025-07-13 10:00:00,abc,USD,TXN-BAD\n' +
        'BNK-0101,2025-07-13 10:30:00,12.00,XXX,TXN-ODD\n' +
        'BNK-0102,2025-07-13 12:00:00,77.70,USD,TXN-NOWHERE\n',
    );
    const run = await http().post('/recon/run').send({ source: 'bank_csv', date: '2025-07-13', file_path: 'mixed.csv', account_id: merchant }).expect(202);
    expect((await finished(run.body.job_id)).status).toBe('completed');
    const logs = await http().get(`/recon/logs?job_id=${run.body.job_id}&matched=false&limit=50`).expect(200);
    const reasons: string[] = logs.body.data.map((log: { reason: string }) => log.reason);
    expect(reasons.some((reason) => /line 3/.test(reason) && /amount/.test(reason))).toBe(true);
    expect(reasons.some((reason) => /XXX/.test(reason))).toBe(true);
    expect(reasons.some((reason) => /TXN-NOWHERE|77\.70/.test(reason))).toBe(true);
    expect(logs.body.data.filter((log: { side: string }) => log.side === 'internal')).toHaveLength(2);
    const summary = await http().get(`/recon/summary/2025-07-13?job_id=${run.body.job_id}`).expect(200);
    expect(summary.body).toMatchObject({ matched_exact: 1, unmatched_internal: 2 });
  });

  it('fails the job with a clear error when the file has no usable header', async () => {
    writeFileSync(join(inbox, 'headless.csv'), 'a,b,c\n1,2,3\n');
    const run = await http().post('/recon/run').send({ source: 'bank_csv', date: '2025-07-13', file_path: 'headless.csv' }).expect(202);
    const job = await finished(run.body.job_id);
    expect(job.status).toBe('failed');
    expect(job.error).toMatch(/txn_id|header|column/i);
    expect((await http().get(`/recon/summary/2025-07-13?job_id=${run.body.job_id}`).expect(404)).body.code).toBe('RECON_SUMMARY_NOT_READY');
    const cli = await runCli(['run-recon', '--source', 'bank_csv', '--date', '2025-07-13', '--file-path', join(inbox, 'headless.csv'), '--account-id', merchant], env);
    expect(cli.code).not.toBe(0);
    expect(cli.stderr).toMatch(/failed/);
  });

  it('refuses an upload over RECON_UPLOAD_MAX_BYTES with 413 PAYLOAD_TOO_LARGE', async () => {
    const big = join(inbox, 'big.csv');
    writeFileSync(big, 'txn_id,date,amount,currency,description\n' + 'BNK-9,2025-07-13 09:00:00,1.00,USD,X\n'.repeat(200));
    const response = await http().post('/recon/run').field('source', 'bank_csv').field('date', '2025-07-13').attach('file', big).expect(413);
    expect(response.body.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('keeps file_path inside RECON_INBOX_DIR', async () => {
    symlinkSync(resolve('package.json'), join(inbox, 'escape.csv'));
    for (const file_path of ['../package.json', resolve('package.json'), 'sub/../../x.csv', join(inbox, 'escape.csv')]) {
      const response = await http().post('/recon/run').send({ source: 'bank_csv', date: '2025-07-13', file_path }).expect(400);
      expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'file_path' }] });
    }
    expect((await http().post('/recon/run').send({ source: 'bank_csv', date: '2025-07-13', file_path: 'missing.csv' }).expect(400)).body.code).toBe('RECON_FILE_NOT_FOUND');
  });

  it('refuses an unknown source, a bad date and bad thresholds with 400', async () => {
    expect((await http().post('/recon/run').send({ source: 'nope', date: '2025-07-13' }).expect(400)).body.code).toBe('RECON_SOURCE_UNKNOWN');
    expect((await http().post('/recon/run').send({ source: 'bank_csv', date: '2025-02-30', file_path: 'bank_dump.csv' }).expect(400)).body.message).toContain('date');
    expect((await http().post('/recon/run').send({ source: 'bank_csv', date: '2025-07-13', fuzzy_threshold: 2 }).expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect((await http().get('/recon/status/13-07-2025').expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect((await http().get('/recon/status/2031-01-01').expect(404)).body.code).toBe('RECON_JOB_NOT_FOUND');
    expect((await http().get('/recon/logs?source=bank_csv').expect(400)).body.code).toBe('VALIDATION_FAILED');
  });

  it('applies per-run thresholds: a stricter fuzzy threshold leaves the near miss unmatched, with its score', async () => {
    const run = await http().post('/recon/run').send({ source: 'bank_csv', date: '2025-07-13', file_path: 'bank_dump.csv', fuzzy_threshold: 0.9, account_id: merchant }).expect(202);
    await finished(run.body.job_id);
    const summary = await http().get(`/recon/summary/2025-07-13?job_id=${run.body.job_id}`).expect(200);
    expect(summary.body).toMatchObject({ matched_exact: 2, matched_fuzzy: 0, unmatched_external: 1, unmatched_internal: 1 });
    const logs = await http().get(`/recon/logs?job_id=${run.body.job_id}&matched=false`).expect(200);
    expect(logs.body.data.find((log: { external_id: string }) => log.external_id === 'BNK-0003')).toMatchObject({ score: 0.8675, reason: expect.stringMatching(/0\.8675.*0\.9/) });
  });

  it('keeps logs and summaries immutable and each record matched at most once per job', async () => {
    const dataSource = context.app.get(DataSource);
    await expect(dataSource.query(`UPDATE recon_logs SET matched = false`)).rejects.toThrow(/append-only/);
    await expect(dataSource.query(`DELETE FROM recon_summary`)).rejects.toThrow(/append-only/);
    const [log] = await dataSource.query(`SELECT job_id, external_id FROM recon_logs WHERE matched LIMIT 1`);
    await expect(
      dataSource.query(`INSERT INTO recon_logs (job_id, side, external_id, matched) VALUES ($1, 'external', $2, false)`, [log.job_id, log.external_id]),
    ).rejects.toThrow(/recon_logs_external_once/);
  });
});
