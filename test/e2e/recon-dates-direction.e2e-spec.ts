import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jobFinished } from '../support/recon-jobs.js';
import { useTestApp } from '../support/test-app.js';

/**
 * Bank statements carry booking dates without times, and say which way money moved. A date-only line
 * matches a transfer of the same business day whatever its time, with the default parameters; on a job
 * scoped to an account, a debit line (money out) never matches a transfer that credits the account.
 */
const inbox = mkdtempSync(join(tmpdir(), 'tally-dates-'));

/** One MT940 line: booked on `date` (YYMMDD), C(redit) or D(ebit), amount with a decimal comma, reference. */
interface Entry {
  readonly date: string;
  readonly mark: 'C' | 'D';
  readonly amount: string;
  readonly reference: string;
}

/** A USD statement of one account opening at 1000.00, its closing balance the entries' sum. */
function mt940(statement: string, entries: readonly Entry[]): string {
  const cents = entries.reduce((sum, e) => sum + (e.mark === 'C' ? 1 : -1) * Number(e.amount.replace(',', '')), 100_000);
  const closing = `${Math.trunc(cents / 100)},${String(cents % 100).padStart(2, '0')}`;
  const lines = entries.flatMap((e) => [`:61:${e.date}${e.date.slice(2)}${e.mark}${e.amount}NTRF${e.reference}//B-${e.reference}`, `:86:Payment ${e.reference}`]);
  const last = entries[entries.length - 1].date;
  return [`:20:${statement}`, ':25:US12345678901234567890', ':28C:1/1', `:60F:C${entries[0].date}USD1000,00`, ...lines, `:62F:C${last}USD${closing}`, '-', ''].join('\r\n');
}

writeFileSync(
  join(inbox, 'same-day.sta'),
  mt940('D1', [
    { date: '250402', mark: 'C', amount: '150,01', reference: 'INV-D1' },
    // One character away from the transfer's reference: a fuzzy match on the same day.
    { date: '250402', mark: 'C', amount: '42,50', reference: 'INV-D2X' },
  ]),
);
writeFileSync(
  join(inbox, 'directions.sta'),
  mt940('R1', [
    { date: '250405', mark: 'D', amount: '75,00', reference: 'INV-R1' },
    { date: '250405', mark: 'C', amount: '80,00', reference: 'INV-R2' },
  ]),
);
const sourcesFile = join(inbox, 'sources.json');
// A second source over the same files, so its jobs' claims are its own (claims are per source).
writeFileSync(sourcesFile, JSON.stringify({ bank_mt940: { type: 'mt940', options: {} }, bank_mt940_all: { type: 'mt940', options: {} } }));

describe('date-only statement lines and direction', () => {
  const { http, ledger } = useTestApp({ RECON_INBOX_DIR: inbox, RECON_SOURCES_FILE: sourcesFile });

  const logsOf = async (jobId: string) => (await http().get(`/recon/logs?job_id=${jobId}&limit=50`).expect(200)).body.data as Record<string, unknown>[];

  it('matches lines booked on a day with transfers of that business day at any hour, under the default 60-minute window', async () => {
    const { account, float } = await ledger.fundedAccount('1000');
    const exact = await ledger.transfer(float, account, '150.01', { reference: 'INV-D1', occurred_at: '2025-04-02T14:00:00Z' }).expect(201);
    const fuzzy = await ledger.transfer(float, account, '42.50', { reference: 'INV-D2', occurred_at: '2025-04-02T23:30:00Z' }).expect(201);
    const run = await http().post('/recon/run').send({ source: 'bank_mt940', date: '2025-04-02', file_path: 'same-day.sta' }).expect(202);
    expect(await jobFinished(http, run.body.job_id)).toMatchObject({ status: 'completed' });
    const summary = await http().get(`/recon/summary/2025-04-02?job_id=${run.body.job_id}`).expect(200);
    expect(summary.body).toMatchObject({ external_total: 2, matched_exact: 1, matched_fuzzy: 1, unmatched_external: 0 });
    const matched = (await logsOf(run.body.job_id)).filter((log) => log.matched === true);
    expect(matched.map((log) => [log.internal_transfer_id, log.reason_code, log.time_diff_minutes]).sort()).toEqual(
      [
        [exact.body.id, 'matched_exact', 0],
        [fuzzy.body.id, 'matched_fuzzy', 0],
      ].sort(),
    );
  });

  it('on a job scoped to an account, a debit line does not match a transfer crediting the account; unscoped, direction is not compared', async () => {
    const { account, float } = await ledger.fundedAccount('1000');
    const credited = await ledger.transfer(float, account, '75.00', { reference: 'INV-R1', occurred_at: '2025-04-05T09:00:00Z' }).expect(201);
    const paidIn = await ledger.transfer(float, account, '80.00', { reference: 'INV-R2', occurred_at: '2025-04-05T11:00:00Z' }).expect(201);
    const scoped = await http().post('/recon/run').send({ source: 'bank_mt940', date: '2025-04-05', file_path: 'directions.sta', account_id: account }).expect(202);
    expect(await jobFinished(http, scoped.body.job_id)).toMatchObject({ status: 'completed' });
    const logs = await logsOf(scoped.body.job_id);
    expect(logs.filter((log) => log.matched === true).map((log) => [log.internal_transfer_id, log.reason_code])).toEqual([[paidIn.body.id, 'matched_exact']]);
    const debitLine = logs.find((log) => log.side === 'external' && log.matched === false);
    expect(debitLine).toMatchObject({ external_amount: '75.00', reason_code: 'direction_mismatch' });
    expect(debitLine?.reason).toBe(
      `external record B-INV-R1 is a debit of 75.00 USD on the job's account, but ledger transfer 'INV-R1' (id ${credited.body.id}), within the tolerances, is a credit of 75.00: money moves the other way, so they do not match`,
    );
    expect(logs.filter((log) => log.side === 'internal').map((log) => [log.internal_transfer_id, log.reason_code])).toEqual([[credited.body.id, 'direction_mismatch']]);

    const unscoped = await http().post('/recon/run').send({ source: 'bank_mt940_all', date: '2025-04-05', file_path: 'directions.sta' }).expect(202);
    expect(await jobFinished(http, unscoped.body.job_id)).toMatchObject({ status: 'completed' });
    const summary = await http().get(`/recon/summary/2025-04-05?job_id=${unscoped.body.job_id}`).expect(200);
    expect(summary.body).toMatchObject({ external_total: 2, matched_exact: 2, unmatched_external: 0 });
  });
});
