import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useTestApp } from '../support/test-app.js';
import { jobFinished } from '../support/recon-jobs.js';

const inbox = mkdtempSync(join(tmpdir(), 'tally-hostile-inbox-'));
mkdirSync(join(inbox, 'a-directory.csv'));
const header = 'txn_id,date,amount,currency,description\n';
// A business date no other suite posts transfers on (they share the database), so the ledger side is empty.
const quietDate = '2031-03-03';
writeFileSync(join(inbox, 'nul-id.csv'), `${header}BNK-\u0000-1,${quietDate} 09:15:00,10.00,USD,TXN-NUL\nBNK-OK,${quietDate} 09:16:00,11.00,USD,TXN-\u0000REF\nBNK-BAD,${quietDate} 09:17:00,1\u00002.00,USD,X\n`);
writeFileSync(join(inbox, 'forged-header.csv'), '"txn_id\n[Nest] 1  - 12/01/2026, 10:00:00 PM     LOG [Auth] admin logged in",date\n1,2\n');
const env = { RECON_INBOX_DIR: inbox };

/** Item 3 (reconciliation inputs) of "Hostile clients cannot stall, crash or confuse Tally": 4xx or a rejected row, never a 5xx. */
describe('reconciliation inputs from a hostile client', () => {
  const context = useTestApp(env);
  const { http } = context;

  const finished = (jobId: string) => jobFinished(http, jobId);

  it('refuses dates that are not calendar days with 400 naming the field', async () => {
    for (const url of ['/recon/jobs?date=2025-02-30', '/recon/logs?date=2025-13-01', '/recon/logs?date=2025-00-10&source=bank_csv', '/recon/jobs?date=0000-01-01']) {
      const response = await http().get(url).expect(400);
      expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'date', message: 'must be a calendar date formatted YYYY-MM-DD' }] });
    }
    await http().get('/recon/jobs?date=2024-02-29').expect(200);
    expect((await http().post('/recon/run').send({ source: 'bank_csv', date: '2025-02-30', file_path: 'nul-id.csv' }).expect(400)).body.details).toEqual([
      { field: 'date', message: 'must be a calendar date formatted YYYY-MM-DD' },
    ]);
  });

  it('refuses a file_path naming a directory (was EISDIR), a name too long or a path below a file with 400', async () => {
    for (const file_path of ['a-directory.csv', '.', 'x'.repeat(1_000), 'nul-id.csv/below']) {
      const response = await http().post('/recon/run').send({ source: 'bank_csv', date: '2025-07-13', file_path }).expect(400);
      expect(response.body.code).toMatch(/RECON_FILE_NOT_FOUND|VALIDATION_FAILED/);
      expect(response.body.details).toEqual([{ field: 'file_path', message: expect.any(String) }]);
    }
  });

  it('rejects CSV rows whose id, reference or amount holds a NUL, with a reason, and completes the job', async () => {
    const run = await http().post('/recon/run').send({ source: 'bank_csv', date: quietDate, file_path: 'nul-id.csv' }).expect(202);
    const job = await finished(run.body.job_id);
    expect(job).toMatchObject({ status: 'completed', error: null });
    const summary = await http().get(`/recon/summary/${quietDate}?job_id=${run.body.job_id}`).expect(200);
    expect(summary.body.rejected_rows).toBe(3);
    const logs = await http().get(`/recon/logs?job_id=${run.body.job_id}&matched=false`).expect(200);
    const reasons = logs.body.data.map((log: { reason: string }) => log.reason).sort();
    expect(reasons).toEqual([
      expect.stringMatching(/^line 2: .*id: contains a NUL character/),
      expect.stringMatching(/^line 3: .*reference: contains a NUL character/),
      expect.stringMatching(/^line 4: amount .*'1\ufffd2\.00'/),
    ]);
  });

  it('fails a job whose header is unusable, storing its error, when the header carries a newline', async () => {
    const run = await http().post('/recon/run').send({ source: 'bank_csv', date: '2025-07-13', file_path: 'forged-header.csv' }).expect(202);
    const job = await finished(run.body.job_id);
    expect(job.status).toBe('failed');
    expect(job.error).toContain('txn_id');
  });
});
