import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually } from '../support/poll.js';
import { useTestApp } from '../support/test-app.js';

const inbox = mkdtempSync(join(tmpdir(), 'tally-tz-'));
writeFileSync(join(inbox, 'tokyo.csv'), 'txn_id,date,amount,currency,description\nBNK-T1,2025-07-12 16:00:00,10.00,USD,TZ-IN\n');

/** With RECON_BUSINESS_TIMEZONE, the business date is that zone's calendar day, not UTC's. */
describe('business dates in a time zone', () => {
  const { http, ledger } = useTestApp({ RECON_INBOX_DIR: inbox, RECON_BUSINESS_TIMEZONE: 'Asia/Tokyo' });

  it("reads the ledger transfers of Tokyo's 13 July, not UTC's", async () => {
    const { account, float } = await ledger.fundedAccount('100');
    // 16:00Z on 12 July is 01:00 on 13 July in Tokyo; 16:00Z on 13 July is already 14 July there.
    await ledger.transfer(float, account, '10.00', { reference: 'TZ-IN', occurred_at: '2025-07-12T16:00:00Z' }).expect(201);
    await ledger.transfer(float, account, '20.00', { reference: 'TZ-OUT', occurred_at: '2025-07-13T16:00:00Z' }).expect(201);
    const run = await http().post('/recon/run').send({ source: 'bank_csv', date: '2025-07-13', file_path: 'tokyo.csv', account_id: account, max_time_diff_minutes: 0 }).expect(202);
    await eventually(async () => ((await http().get(`/recon/jobs/${run.body.job_id}`)).body.status === 'completed' ? true : undefined));
    const summary = await http().get(`/recon/summary/2025-07-13?job_id=${run.body.job_id}`).expect(200);
    expect(summary.body).toMatchObject({ internal_total: 1, matched_exact: 1, unmatched_internal: 0, unmatched_external: 0 });
  });
});
