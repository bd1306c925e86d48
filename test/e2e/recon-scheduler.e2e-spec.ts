import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { ReconScheduler } from '../../src/recon/scheduler/recon-scheduler.js';
import { startApp } from '../support/test-app.js';

const inbox = mkdtempSync(join(tmpdir(), 'tally-schedule-'));
copyFileSync('data/bank_dump.csv', join(inbox, 'bank_2025-07-13.csv'));
const sourcesFile = join(inbox, 'sources.json');
writeFileSync(
  sourcesFile,
  JSON.stringify({
    daily_bank: {
      type: 'csv',
      options: {
        mapping: { id: 'txn_id', reference: 'description', amount: 'amount', currency: 'currency', timestamp: 'date', dateFormat: 'YYYY-MM-DD HH:mm:ss' },
        file_pattern: 'bank_{date}.csv',
      },
      schedule: true,
    },
    manual_only: { type: 'csv', options: { mapping: { id: 'id', reference: 'ref', amount: 'amount', currency: 'currency', timestamp: 'at' } } },
  }),
);

describe('daily reconciliation schedule with two replicas', () => {
  const replicas: NestFastifyApplication[] = [];

  beforeAll(async () => {
    const env = { RECON_INBOX_DIR: inbox, RECON_SOURCES_FILE: sourcesFile };
    replicas.push(await startApp(env), await startApp(env));
  });
  afterAll(() => Promise.all(replicas.map((app) => app.close())));

  it('runs each scheduled (source, date) once, whichever replica wins, and nothing unscheduled', async () => {
    const tick = new Date('2025-07-14T02:00:00Z');
    const ran = await Promise.all(replicas.map((app) => app.get(ReconScheduler).runDue(tick)));
    expect(ran.flat()).toHaveLength(1);

    const jobs: { source: string; status: string; trigger: string }[] = await replicas[0]
      .get(DataSource)
      .query(`SELECT source, status, trigger FROM recon_jobs WHERE business_date = '2025-07-13' AND trigger = 'schedule'`);
    expect(jobs).toEqual([{ source: 'daily_bank', status: 'completed', trigger: 'schedule' }]);

    const again = await Promise.all(replicas.map((app) => app.get(ReconScheduler).runDue(tick)));
    expect(again.flat()).toHaveLength(0);
  });

  it('records a failed job when the day file is missing, so the gap is visible', async () => {
    const [ran] = await Promise.all([replicas[0].get(ReconScheduler).runDue(new Date('2025-07-20T02:00:00Z'))]);
    expect(ran).toHaveLength(1);
    const [job]: { status: string; error: string }[] = await replicas[0].get(DataSource).query(`SELECT status, error FROM recon_jobs WHERE id = $1`, [ran[0]]);
    expect(job.status).toBe('failed');
    expect(job.error).toMatch(/bank_2025-07-19\.csv/);
  });
});
