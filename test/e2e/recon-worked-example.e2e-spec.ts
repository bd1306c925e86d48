import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jobFinished } from '../support/recon-jobs.js';
import { useTestApp } from '../support/test-app.js';

/**
 * The worked example of docs/recon-matching.md ("Worked example: a period, three rules, every reason"), run as
 * written: the same sources file, statement and transfers, and the log rows and summary the document shows. If
 * this test changes, the document changes with it. March 2026, which no other suite uses; the job is scoped to
 * the example's account, so other suites' transfers never enter it.
 */
const inbox = mkdtempSync(join(tmpdir(), 'tally-worked-example-'));
writeFileSync(
  join(inbox, 'statement.csv'),
  [
    'id,booked,amount,currency,reference,e2e',
    'B-1,2026-03-02,250.00,USD,PAYMENT 88,E2E-501',
    'B-2,2026-03-04,995.50,USD,INV-502,',
    'B-3,2026-03-03,120.00,USD,INV-503,',
    'B-4,2026-03-03,33.00,USD,XYZ-9,',
    'B-5,2026-03-06,80.00,USD,INV-505,',
    '',
  ].join('\n'),
);
const sourcesFile = join(inbox, 'sources.json');
writeFileSync(
  sourcesFile,
  JSON.stringify({
    bank_rules: {
      type: 'csv',
      options: { mapping: { id: 'id', reference: 'reference', amount: 'amount', currency: 'currency', timestamp: 'booked', datePattern: 'yyyy-MM-dd', endToEndId: 'e2e' } },
      rules: [
        { name: 'end_to_end', kind: 'exact', fields: [{ external: 'end_to_end_id', internal: 'metadata.end_to_end_id' }] },
        { name: 'same_reference', kind: 'tolerance', amount: { percent: '1' }, max_date_lag_days: 2 },
        { name: 'fuzzy', kind: 'fuzzy', amount: { absolute: '0.05' }, time_window_minutes: 60, max_date_lag_days: 1 },
      ],
    },
  }),
);

describe('the worked example of docs/recon-matching.md', () => {
  const { http, ledger } = useTestApp({ RECON_INBOX_DIR: inbox, RECON_SOURCES_FILE: sourcesFile });
  const reference: Record<string, string> = {};

  beforeAll(async () => {
    const { account, float } = await ledger.fundedAccount('10');
    const post = async (ref: string, amount: string, at: string, metadata: Record<string, string> = {}) => {
      const transfer = await ledger.transfer(float, account, amount, { reference: ref, occurred_at: at, metadata }).expect(201);
      reference[transfer.body.id] = ref;
    };
    await post('INV-501', '250.00', '2026-03-02T10:00:00Z', { end_to_end_id: 'E2E-501' });
    await post('INV-502', '1000.00', '2026-03-02T15:00:00Z');
    await post('INV-503', '130.00', '2026-03-03T09:30:00Z');
    await post('INV-506', '45.00', '2026-03-04T11:00:00Z');
    reference.account = account;
  });

  it('matches by end-to-end id and by reference within 1% and two days, and says why each other record stayed out', async () => {
    const started = await http().post('/recon/run').send({ source: 'bank_rules', from: '2026-03-02', to: '2026-03-04', file_path: 'statement.csv', account_id: reference.account }).expect(202);
    const jobId = started.body.job_id as string;
    expect(await jobFinished(http, jobId)).toMatchObject({ status: 'completed' });

    const logs = (await http().get(`/recon/logs?job_id=${jobId}&limit=50`).expect(200)).body.data as Record<string, string | boolean | null>[];
    const rows = logs
      .map((log) => [log.external_id ?? reference[log.internal_transfer_id as string], log.side, log.matched, log.rule, log.reason_code, log.amount_diff].join(' | '))
      .sort();
    expect(rows).toEqual([
      'B-1 | external | true | end_to_end | matched_exact | 0.00',
      'B-2 | external | true | same_reference | matched_tolerance | 4.50',
      'B-3 | external | false |  | amount_outside_tolerance | ',
      'B-4 | external | false |  | no_candidate | ',
      'B-5 | external | false |  | out_of_period | ',
      'INV-503 | internal | false |  | amount_outside_tolerance | ',
      'INV-506 | internal | false |  | no_candidate | ',
    ]);
    const reasonOf = (external: string) => logs.find((log) => log.external_id === external)?.reason;
    // Amounts in reasons read like money, whatever scale the database computed them in.
    expect(reasonOf('B-2')).toBe("rule 'same_reference': same reference, amount 4.50 apart within the rule's tolerance");
    // Date-only lines are explained in days, with the lag the rules allow, never in minutes from midnight.
    expect(reasonOf('B-4')).toBe('no ledger transfer in USD with amount within 0.05 of 33.00 dated 2026-03-01 .. 2026-03-03');
    expect(reasonOf('B-3')).toMatch(/^no ledger transfer in USD with amount within 0\.05 of 120\.00 dated 2026-03-01 \.\. 2026-03-03; same reference on transfer \S+: amount 130\.00 USD, booked the same day$/);
    const inv503 = logs.find((log) => reference[log.internal_transfer_id as string] === 'INV-503')?.reason;
    expect(inv503).toContain('; same reference on external record B-3 (line 4): amount 120.00 USD, booked the same day');

    const summary = (await http().get(`/recon/summary/2026-03-03?job_id=${jobId}`).expect(200)).body;
    expect(summary).toMatchObject({ external_total: 4, internal_total: 4, matched_exact: 1, matched_fuzzy: 1, unmatched_external: 2, unmatched_internal: 2, match_rate: 0.5 });
  });
});
