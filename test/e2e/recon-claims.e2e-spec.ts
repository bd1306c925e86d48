import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { DataSource } from 'typeorm';
import { claimMatches } from '../../src/recon/infrastructure/engine/claims.js';
import { useTestApp } from '../support/test-app.js';
import { jobFinished } from '../support/recon-jobs.js';

const inbox = mkdtempSync(join(tmpdir(), 'tally-claims-'));
// The bank booked the same payment twice, once each side of midnight: both lines are within the time window
// of the one ledger transfer at 00:10.
writeFileSync(
  join(inbox, 'midnight.csv'),
  'txn_id,date,amount,currency,description\n' + 'BNK-M1,2025-09-01 23:55:00,15.00,USD,MID-1\n' + 'BNK-M2,2025-09-02 00:20:00,15.00,USD,MID-1\n',
);

describe('one match per record across jobs', () => {
  const context = useTestApp({ RECON_INBOX_DIR: inbox });
  const { http, ledger } = context;
  let account = '';
  let transferId = '';

  const runDay = async (date: string) => {
    const run = await http().post('/recon/run').send({ source: 'bank_csv', date, file_path: 'midnight.csv', account_id: account }).expect(202);
    expect((await jobFinished(http, run.body.job_id)).status).toBe('completed');
    return run.body.job_id as string;
  };
  const claimsOf = () =>
    context.app.get(DataSource).query(`SELECT job_id, external_id FROM recon_claims WHERE source = 'bank_csv' AND transfer_id = $1`, [transferId]);

  beforeAll(async () => {
    const funded = await ledger.fundedAccount('100');
    account = funded.account;
    const posted = await ledger.transfer(funded.float, account, '15.00', { reference: 'MID-1', occurred_at: '2025-09-02T00:10:00Z' }).expect(201);
    transferId = posted.body.id;
  });

  it('never lets two neighbouring daily jobs claim one transfer; the later one reports counterpart_taken naming the first', async () => {
    const first = await runDay('2025-09-01');
    expect((await http().get(`/recon/summary/2025-09-01?job_id=${first}`).expect(200)).body).toMatchObject({ matched_exact: 1, internal_total: 1, unmatched_internal: 0 });
    const second = await runDay('2025-09-02');
    const summary = await http().get(`/recon/summary/2025-09-02?job_id=${second}`).expect(200);
    // The transfer counts in the first job only; the second day's bank line is left unmatched.
    expect(summary.body).toMatchObject({ external_total: 1, internal_total: 0, matched_exact: 0, unmatched_external: 1, unmatched_internal: 0 });
    const logs = await http().get(`/recon/logs?job_id=${second}&matched=false`).expect(200);
    const taken = logs.body.data.find((log: { internal_transfer_id: string | null }) => log.internal_transfer_id === transferId);
    expect(taken).toMatchObject({ reason_code: 'counterpart_taken', reason: expect.stringContaining(first) });
    expect(logs.body.data.find((log: { external_id: string | null }) => log.external_id === 'BNK-M2')).toMatchObject({ reason_code: 'no_candidate' });
    expect(await claimsOf()).toEqual([{ job_id: first, external_id: 'BNK-M1' }]);
  });

  it('lets a rerun of the same period supersede the previous job: its claims are released and claimed again', async () => {
    const [previous] = (await http().get('/recon/jobs?date=2025-09-01&source=bank_csv').expect(200)).body.data;
    const rerun = await runDay('2025-09-01');
    expect((await http().get(`/recon/jobs/${previous.job_id}`).expect(200)).body).toMatchObject({ status: 'completed', superseded_by: rerun });
    expect((await http().get('/recon/status/2025-09-01?source=bank_csv').expect(200)).body).toMatchObject({ job_id: rerun, superseded_by: null });
    expect((await http().get(`/recon/summary/2025-09-01?job_id=${rerun}`).expect(200)).body).toMatchObject({ matched_exact: 1, unmatched_external: 0 });
    expect(await claimsOf()).toEqual([{ job_id: rerun, external_id: 'BNK-M1' }]);
  });

  it('refuses a second claim of a transfer or an external record in the database itself', async () => {
    const dataSource = context.app.get(DataSource);
    const [{ job_id }] = await claimsOf();
    await expect(
      dataSource.query(`INSERT INTO recon_claims (source, job_id, transfer_id, external_id) VALUES ('bank_csv', $1, $2, 'BNK-OTHER')`, [job_id, transferId]),
    ).rejects.toThrow(/recon_claims_transfer_once/);
  });

  it('drops, when claiming, a pair whose transfer another period claimed after matching began, and sets that transfer aside', async () => {
    const [{ job_id: holder }] = await claimsOf();
    const jobId = randomUUID();
    const runner = context.app.get(DataSource).createQueryRunner();
    const client = (await runner.connect()) as pg.PoolClient;
    try {
      // A job of another period (2025-09-03) that matched the held transfer and a free one before the holder claimed.
      await client.query(
        `INSERT INTO recon_jobs (id, source, business_date, period_from, period_to, trigger, parameters, status) VALUES ($1, 'bank_csv', '2025-09-03', '2025-09-03', '2025-09-03', 'api', '{}', 'running')`,
        [jobId],
      );
      const free = randomUUID();
      await client.query(`INSERT INTO recon_staging_ledger (job_id, transfer_id, reference, amount, currency, occurred_at) VALUES ($1, $2, 'MID-1', 15, 'USD', now()), ($1, $3, 'X', 1, 'USD', now())`, [jobId, transferId, free]);
      await client.query(
        `INSERT INTO recon_staging_matches (job_id, external_id, transfer_id, match_type, score, amount_diff, time_diff_ms) VALUES ($1, 'LATE-1', $2, 'exact', 1, 0, 0), ($1, 'LATE-2', $3, 'exact', 1, 0, 0)`,
        [jobId, transferId, free],
      );
      // Read inside the transaction, then rolled back: the test leaves no claim behind.
      await client.query('BEGIN');
      await claimMatches(client, { jobId, source: 'bank_csv', accountId: null, periodFrom: '2025-09-03', periodTo: '2025-09-03' });
      const matches = await client.query(`SELECT external_id FROM recon_staging_matches WHERE job_id = $1 ORDER BY external_id`, [jobId]);
      const claimed = await client.query(`SELECT external_id FROM recon_claims WHERE job_id = $1`, [jobId]);
      const setAside = await client.query(`SELECT claimed_by FROM recon_staging_ledger WHERE job_id = $1 AND transfer_id = $2`, [jobId, transferId]);
      await client.query('ROLLBACK');
      expect(matches.rows).toEqual([{ external_id: 'LATE-2' }]);
      expect(claimed.rows).toEqual([{ external_id: 'LATE-2' }]);
      expect(setAside.rows).toEqual([{ claimed_by: holder }]);
    } finally {
      for (const table of ['recon_staging_matches', 'recon_staging_ledger']) await client.query(`DELETE FROM ${table} WHERE job_id = $1`, [jobId]);
      await client.query(`DELETE FROM recon_jobs WHERE id = $1`, [jobId]);
      await runner.release();
    }
  });
});
