import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jobFinished } from '../support/recon-jobs.js';
import { useTestApp } from '../support/test-app.js';

/**
 * Ids a file repeats are settled in staging, where every row is, so the reader keeps nothing per row (memory
 * flat whatever the file): a later row with a given id is rejected naming the first row's line, wherever either
 * falls (inside or outside the period); identical rows of a file without ids are numbered in file order, the
 * same numbers a preview shows. February 2026, which no other suite uses.
 */
const inbox = mkdtempSync(join(tmpdir(), 'tally-repeated-'));
writeFileSync(
  join(inbox, 'ids.csv'),
  'id,ref,amount,currency,at\n' +
    'RID-1,REP-0,5.00,USD,2026-01-31T10:00:00Z\n' +
    'RID-1,REP-1,10.00,USD,2026-02-02T10:00:00Z\n' +
    'RID-2,REP-2,11.00,USD,2026-02-02T11:00:00Z\n' +
    'RID-3,REP-3,12.00,USD,2026-02-02T12:00:00Z\n' +
    'RID-2,REP-2B,12.50,USD,2026-02-03T11:00:00Z\n' +
    'RID-4,REP-4,7.00,USD,2026-02-09T12:00:00Z\n' +
    'RID-4,REP-4B,7.00,USD,2026-02-09T13:00:00Z\n',
);
// Two identical coffees and a third payee: keys from content, numbered :1, :2 by occurrence.
writeFileSync(
  join(inbox, 'content.csv'),
  'ref,amount,currency,at\n' + 'COFFEE,3.20,USD,2026-02-04\n' + 'LUNCH,9.00,USD,2026-02-04\n' + 'COFFEE,3.20,USD,2026-02-04\n',
);
const sourcesFile = join(inbox, 'sources.json');
const columns = { reference: 'ref', amount: 'amount', currency: 'currency', timestamp: 'at' };
writeFileSync(
  sourcesFile,
  JSON.stringify({
    bank_ids: { type: 'csv', options: { mapping: { id: 'id', ...columns } } },
    bank_content: { type: 'csv', options: { mapping: { ...columns, datePattern: 'yyyy-MM-dd' } } },
  }),
);

type Log = { external_id: string | null; external_line: number | null; reason: string; reason_code: string; matched: boolean };

describe('repeated ids', () => {
  const { http, ledger } = useTestApp({ RECON_INBOX_DIR: inbox, RECON_SOURCES_FILE: sourcesFile });

  const run = async (source: string, body: object) => {
    const started = await http().post('/recon/run').send({ source, ...body }).expect(202);
    const jobId = started.body.job_id as string;
    expect(await jobFinished(http, jobId)).toMatchObject({ status: 'completed' });
    const logs = (await http().get(`/recon/logs?job_id=${jobId}&limit=50`).expect(200)).body.data as Log[];
    return { jobId, logs };
  };

  it('rejects every later row of a given id, naming the first line, inside or outside the period', async () => {
    const { account, float } = await ledger.fundedAccount('100');
    await ledger.transfer(float, account, '11.00', { reference: 'REP-2', occurred_at: '2026-02-02T11:00:00Z' }).expect(201);
    const { jobId, logs } = await run('bank_ids', { from: '2026-02-02', to: '2026-02-03', file_path: 'ids.csv' });

    const rejected = logs.filter((log) => log.reason_code === 'malformed_row').map((log) => log.reason);
    expect(rejected).toEqual(["line 3: id 'RID-1' is already used on line 2", "line 6: id 'RID-2' is already used on line 4", "line 8: id 'RID-4' is already used on line 7"]);
    const outside = logs.filter((log) => log.reason_code === 'out_of_period').map((log) => [log.external_id, log.external_line]);
    expect(outside).toEqual([
      ['RID-1', 2],
      ['RID-4', 7],
    ]);
    const matched = logs.filter((log) => log.matched).map((log) => log.external_id);
    expect(matched).toEqual(['RID-2']);
    const summary = (await http().get(`/recon/summary/2026-02-02?job_id=${jobId}`).expect(200)).body;
    expect(summary).toMatchObject({ external_total: 5, rejected_rows: 3, matched_exact: 1, unmatched_external: 4 });
  });

  it('numbers identical rows without ids in file order, as the preview shows them', async () => {
    const { logs } = await run('bank_content', { date: '2026-02-04', file_path: 'content.csv' });
    const keys = logs.filter((log) => log.external_id !== null).map((log) => [log.external_line, log.external_id]);
    expect(keys.sort()).toEqual([
      [2, expect.stringMatching(/^[0-9a-f]{20}:1$/)],
      [3, expect.stringMatching(/^[0-9a-f]{20}:1$/)],
      [4, expect.stringMatching(/^[0-9a-f]{20}:2$/)],
    ]);
    const coffee = keys.filter(([line]) => line === 2 || line === 4).map(([, key]) => String(key).split(':')[0]);
    expect(coffee[0]).toBe(coffee[1]);

    const preview = await http().post('/recon/sources/bank_content/preview').send({ file_path: 'content.csv' }).expect(200);
    const previewed = preview.body.records.map((record: { line: number; id: string }) => [record.line, record.id]);
    expect(previewed).toEqual(keys.sort());
  });
});
