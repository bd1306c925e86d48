import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { eventually } from '../support/poll.js';
import { useTestApp } from '../support/test-app.js';
import { jobFinished } from '../support/recon-jobs.js';

const inbox = mkdtempSync(join(tmpdir(), 'tally-guard-'));
const rows = 60_000;
/** 60,000 rows take a few seconds here, but far longer on a machine loaded by other work (CI shares its cores). */
const slowMachineMs = 90_000;
writeFileSync(
  join(inbox, 'large.csv'),
  'txn_id,date,amount,currency,description\n' +
    Array.from({ length: rows }, (_, index) => `BNK-G${index},2025-10-01 ${String(Math.floor(index / 3600) % 24).padStart(2, '0')}:${String(Math.floor(index / 60) % 60).padStart(2, '0')}:${String(index % 60).padStart(2, '0')},${(index % 997) + 1}.00,USD,GUARD-${index}\n`).join(''),
);
writeFileSync(join(inbox, 'small.csv'), 'txn_id,date,amount,currency,description\nBNK-S1,2025-10-02 09:00:00,1.00,USD,GUARD-S\n');

describe('reconciliation jobs never take the service down', () => {
  const context = useTestApp({ RECON_INBOX_DIR: inbox });
  const { http } = context;
  const dataSource = () => context.app.get(DataSource);
  const leftovers = async (jobId: string) => {
    const counts: { n: number }[] = [];
    for (const table of ['recon_staging', 'recon_staging_ledger', 'recon_staging_candidates', 'recon_staging_matches', 'recon_claims']) {
      counts.push(...(await dataSource().query(`SELECT count(*)::int AS n FROM ${table} WHERE job_id = $1`, [jobId])));
    }
    return counts.map((count) => count.n);
  };

  it('runs one job per source: a second start while the first runs answers 409 RECON_JOB_RUNNING', async () => {
    // The large job is started first and seen running, so the second start always meets it.
    const accepted = await http().post('/recon/run').send({ source: 'bank_csv', date: '2025-10-01', file_path: 'large.csv' }).expect(202);
    await eventually(async () => ((await http().get(`/recon/jobs/${accepted.body.job_id}`).expect(200)).body.status === 'running' ? true : undefined), slowMachineMs);
    const refused = await http().post('/recon/run').send({ source: 'bank_csv', date: '2025-10-01', file_path: 'small.csv' }).expect(409);
    expect(refused.body.code).toBe('RECON_JOB_RUNNING');
    expect((await jobFinished(http, accepted.body.job_id, slowMachineMs)).status).toBe('completed');
    // Once it has finished, the source takes a new job.
    const next = await http().post('/recon/run').send({ source: 'bank_csv', date: '2025-10-02', file_path: 'small.csv' }).expect(202);
    expect((await jobFinished(http, next.body.job_id)).status).toBe('completed');
  }, 240_000);

  it('bounds what a caller may ask for', async () => {
    const response = await http().post('/recon/run').send({ source: 'bank_csv', date: '2025-10-02', file_path: 'small.csv', allowed_amount_diff: '5000' }).expect(400);
    expect(response.body.details).toEqual([{ field: 'allowedAmountDiff', message: 'must be a non-negative decimal of at most 1000' }]);
  });

  it('fails a job whose process was killed mid-run at the next start, leaving no staging and no claims', async () => {
    const env = { ...process.env, RECON_INBOX_DIR: inbox };
    const cli = spawn(process.execPath, ['dist/src/cli.js', 'run-recon', '--source', 'bank_csv', '--date', '2025-10-01', '--file_path', join(inbox, 'large.csv')], { env, stdio: 'ignore' });
    const exited = new Promise((resolve) => cli.once('exit', resolve));
    // Killed while its rows are being staged.
    const jobId = await eventually(async () => {
      const [job]: { id: string }[] = await dataSource().query(
        `SELECT j.id FROM recon_jobs j WHERE j.status = 'running' AND j.trigger = 'cli' AND EXISTS (SELECT 1 FROM recon_staging s WHERE s.job_id = j.id)`,
      );
      return job?.id;
    }, slowMachineMs);
    cli.kill('SIGKILL');
    await exited;
    expect((await http().get(`/recon/jobs/${jobId}`).expect(200)).body.status).toBe('running');

    const next = await http().post('/recon/run').send({ source: 'bank_csv', date: '2025-10-02', file_path: 'small.csv' }).expect(202);
    expect((await jobFinished(http, next.body.job_id)).status).toBe('completed');
    const killed = await http().get(`/recon/jobs/${jobId}`).expect(200);
    expect(killed.body).toMatchObject({ status: 'failed', error: expect.stringMatching(/stopped before it finished/) });
    expect(await leftovers(jobId)).toEqual([0, 0, 0, 0, 0]);
  }, 240_000);
});
