import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jobFinished } from '../support/recon-jobs.js';
import { useTestApp } from '../support/test-app.js';

/**
 * A source's ordered rules decide which pairs match, first match wins, and each matched log row names its
 * rule. Without rules a source gets defaultMatchRules: exact_reference, reference_within_tolerance, fuzzy.
 */
const inbox = mkdtempSync(join(tmpdir(), 'tally-rules-'));
const header = 'id,ref,amount,currency,at,e2e\n';
writeFileSync(
  join(inbox, 'tolerance.csv'),
  header +
    // The ledger's reference, 0.04 off under the default allowance of 0.05, 30 minutes apart: fuzzy alone scores 0.725.
    'B-1,INV-55,100.04,USD,2025-08-01T12:30:00Z,\n' +
    'B-2,INV-56,20.00,USD,2025-08-01T13:00:00Z,\n',
);
writeFileSync(join(inbox, 'end-to-end.csv'), header + 'B-9,BANK-REF-9,310.00,USD,2025-08-02T10:10:00Z,E2E-777\n');
const sourcesFile = join(inbox, 'sources.json');
const mapping = { id: 'id', reference: 'ref', amount: 'amount', currency: 'currency', timestamp: 'at', endToEndId: 'e2e' };
writeFileSync(
  sourcesFile,
  JSON.stringify({
    bank_default: { type: 'csv', options: { mapping } },
    bank_e2e: {
      type: 'csv',
      options: { mapping },
      rules: [{ name: 'end_to_end', kind: 'exact', fields: [{ external: 'end_to_end_id', internal: 'metadata.end_to_end_id' }] }],
    },
  }),
);

describe('match rules from the sources file', () => {
  const { http, ledger } = useTestApp({ RECON_INBOX_DIR: inbox, RECON_SOURCES_FILE: sourcesFile });

  const run = async (source: string, date: string, file: string) => {
    const started = await http().post('/recon/run').send({ source, date, file_path: file }).expect(202);
    expect(await jobFinished(http, started.body.job_id)).toMatchObject({ status: 'completed' });
    const logs = (await http().get(`/recon/logs?job_id=${started.body.job_id}&limit=50`).expect(200)).body.data as Record<string, unknown>[];
    const summary = (await http().get(`/recon/summary/${date}?job_id=${started.body.job_id}`).expect(200)).body as Record<string, unknown>;
    return { logs, summary };
  };
  const matchedRows = (logs: Record<string, unknown>[]) =>
    logs
      .filter((log) => log.matched === true)
      .map(({ external_id, internal_transfer_id, match_type, rule, reason_code, amount_diff, time_diff_minutes, reason }) => ({
        external_id,
        internal_transfer_id,
        match_type,
        rule,
        reason_code,
        amount_diff,
        time_diff_minutes,
        reason,
      }));

  it('by default, the same reference 0.04 off under an allowance of 0.05 is matched by reference_within_tolerance', async () => {
    const { account, float } = await ledger.fundedAccount('1000');
    const off = await ledger.transfer(float, account, '100.00', { reference: 'INV-55', occurred_at: '2025-08-01T12:00:00Z' }).expect(201);
    const same = await ledger.transfer(float, account, '20.00', { reference: 'INV-56', occurred_at: '2025-08-01T12:50:00Z' }).expect(201);
    const { logs, summary } = await run('bank_default', '2025-08-01', 'tolerance.csv');
    expect(matchedRows(logs)).toEqual([
      {
        external_id: 'B-2',
        internal_transfer_id: same.body.id,
        match_type: 'exact',
        rule: 'exact_reference',
        reason_code: 'matched_exact',
        amount_diff: '0.00',
        time_diff_minutes: 10,
        reason: "rule 'exact_reference': the rule's fields are equal, currency the same, within its timing",
      },
      {
        external_id: 'B-1',
        internal_transfer_id: off.body.id,
        match_type: 'tolerance',
        rule: 'reference_within_tolerance',
        reason_code: 'matched_tolerance',
        amount_diff: '0.04',
        time_diff_minutes: 30,
        reason: "rule 'reference_within_tolerance': same reference, amount 0.04 apart within the rule's tolerance",
      },
    ]);
    // Tolerance matches count with the fuzzy ones in the summary.
    expect(summary).toMatchObject({ external_total: 2, matched_exact: 1, matched_fuzzy: 1, unmatched_external: 0 });
  });

  it('a source whose only rule compares end_to_end_id with metadata.end_to_end_id matches whatever the references say', async () => {
    const { account, float } = await ledger.fundedAccount('1000');
    const decoy = await ledger.transfer(float, account, '310.00', { reference: 'BANK-REF-9', occurred_at: '2025-08-02T10:05:00Z', metadata: { end_to_end_id: 'E2E-778' } }).expect(201);
    const target = await ledger.transfer(float, account, '310.00', { reference: 'PAYOUT-1', occurred_at: '2025-08-02T10:00:00Z', metadata: { end_to_end_id: 'E2E-777' } }).expect(201);
    const { logs, summary } = await run('bank_e2e', '2025-08-02', 'end-to-end.csv');
    expect(matchedRows(logs)).toEqual([
      {
        external_id: 'B-9',
        internal_transfer_id: target.body.id,
        match_type: 'exact',
        rule: 'end_to_end',
        reason_code: 'matched_exact',
        amount_diff: '0.00',
        time_diff_minutes: 10,
        reason: "rule 'end_to_end': the rule's fields are equal, currency the same, within its timing",
      },
    ]);
    // The decoy has the line's reference but another end-to-end id: the source's rules never compare references.
    expect(logs.find((log) => log.internal_transfer_id === decoy.body.id)).toMatchObject({ matched: false, rule: null });
    expect(summary).toMatchObject({ external_total: 1, matched_exact: 1, matched_fuzzy: 0, unmatched_external: 0 });
  });
});
