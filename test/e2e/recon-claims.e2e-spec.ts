import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
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
});
