import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useTestApp } from '../support/test-app.js';
import { jobFinished } from '../support/recon-jobs.js';

const inbox = mkdtempSync(join(tmpdir(), 'tally-periods-'));
writeFileSync(
  join(inbox, 'week.csv'),
  'txn_id,date,amount,currency,description\n' +
    'BNK-P0,2025-07-31 10:00:00,5.00,USD,PER-0\n' +
    'BNK-P1,2025-08-01 10:00:00,10.00,USD,PER-1\n' +
    'BNK-P2,2025-08-02 10:00:00,20.00,USD,PER-2\n' +
    'BNK-P3,2025-08-03 23:50:00,30.00,USD,PER-3\n' +
    'BNK-P5,2025-08-05 10:00:00,50.00,USD,PER-5\n',
);

describe('reconciliation over a period', () => {
  const { http, ledger } = useTestApp({ RECON_INBOX_DIR: inbox });

  it('reconciles a multi-day file in one job; rows of other days are out_of_period, not rejected or unmatched', async () => {
    const { account, float } = await ledger.fundedAccount('1000');
    for (const [amount, reference, at] of [
      ['10.00', 'PER-1', '2025-08-01T10:00:00Z'],
      ['20.00', 'PER-2', '2025-08-02T10:00:00Z'],
      // Booked just after midnight: it belongs to 4 August, but meets its bank line of the 3rd within the window.
      ['30.00', 'PER-3', '2025-08-04T00:10:00Z'],
      // Inside the window's margin but unmatched: the next period's business, reported as such.
      ['40.00', 'PER-4', '2025-08-04T00:30:00Z'],
    ]) {
      await ledger.transfer(float, account, amount, { reference, occurred_at: at }).expect(201);
    }
    const run = await http().post('/recon/run').send({ source: 'bank_csv', from: '2025-08-01', to: '2025-08-03', file_path: 'week.csv', account_id: account }).expect(202);
    expect((await jobFinished(http, run.body.job_id)).status).toBe('completed');

    const summary = await http().get(`/recon/summary/2025-08-02?job_id=${run.body.job_id}`).expect(200);
    expect(summary.body).toMatchObject({ external_total: 3, internal_total: 3, rejected_rows: 0, matched_exact: 3, matched_fuzzy: 0, unmatched_external: 0, unmatched_internal: 0, match_rate: 1 });
    const unmatched = await http().get(`/recon/logs?job_id=${run.body.job_id}&matched=false`).expect(200);
    const outside = unmatched.body.data.map((log: { external_id: string | null; internal_reference: string | null; reason_code: string }) => [log.external_id ?? log.internal_reference, log.reason_code]);
    expect(outside.sort()).toEqual([
      ['BNK-P0', 'out_of_period'],
      ['BNK-P5', 'out_of_period'],
      ['PER-4', 'out_of_period'],
    ]);

    // Status and lists answer by the period covering a date.
    const status = await http().get('/recon/status/2025-08-03?source=bank_csv').expect(200);
    expect(status.body.job_id).toBe(run.body.job_id);
    const job = await http().get(`/recon/jobs/${run.body.job_id}`).expect(200);
    expect(job.body).toMatchObject({ date: '2025-08-01', period_from: '2025-08-01', period_to: '2025-08-03' });
    const listed = await http().get('/recon/jobs?from=2025-08-03&to=2025-08-20&source=bank_csv').expect(200);
    expect(listed.body.data.map((entry: { job_id: string }) => entry.job_id)).toContain(run.body.job_id);
    const before = await http().get('/recon/jobs?to=2025-07-31&source=bank_csv').expect(200);
    expect(before.body.data.map((entry: { job_id: string }) => entry.job_id)).not.toContain(run.body.job_id);
  });

  it('refuses date together with from/to, a period that runs backwards, and one longer than 31 days', async () => {
    const send = (body: object) => http().post('/recon/run').send({ source: 'bank_csv', file_path: 'week.csv', ...body }).expect(400);
    expect((await send({ date: '2025-08-01', from: '2025-08-01', to: '2025-08-02' })).body.details).toEqual([{ field: 'date', message: expect.any(String) }]);
    expect((await send({ from: '2025-08-01' })).body.details).toEqual([{ field: 'to', message: expect.any(String) }]);
    expect((await send({ from: '2025-08-03', to: '2025-08-01' })).body.details).toEqual([{ field: 'to', message: 'must not be before from' }]);
    expect((await send({ from: '2025-08-01', to: '2025-09-01' })).body.details).toEqual([{ field: 'to', message: 'a job covers at most 31 days' }]);
  });
});
