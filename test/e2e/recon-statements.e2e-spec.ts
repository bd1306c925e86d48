import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { jobFinished } from '../support/recon-jobs.js';
import { runCli } from '../support/run-cli.js';
import { useTestApp } from '../support/test-app.js';

/**
 * Statement files end to end: each format read by configuration alone, previewed without a job, refused at
 * once when the upload is another format, and checked against its own balances and the statement before it.
 */
const inbox = mkdtempSync(join(tmpdir(), 'tally-statements-'));
const fixtures = 'test/fixtures/statements';
for (const [from, to] of [
  ['mt940/german-bank-latin1.sta', 'german.sta'],
  ['camt053/camt053-v04-latin1-balance-break.xml', 'camt-break.xml'],
  ['ofx/bank-xml-211-utf8.ofx', 'bank.ofx'],
  ['bai2/multi-group.bai', 'bank.bai'],
]) copyFileSync(join(fixtures, from), join(inbox, to));

/** An MT940 statement of one account: an opening balance, one credit, a closing balance. */
const mt940 = (reference: string, opening: string, openingDate: string, credit: string, closing: string, closingDate: string) =>
  [`:20:${reference}`, ':25:DE89370400440532013000', ':28C:1/1', `:60F:C${openingDate}EUR${opening}`, `:61:${closingDate}${closingDate.slice(2)}C${credit}NTRFINV-${reference}//B-${reference}`, `:86:Invoice ${reference}`, `:62F:C${closingDate}EUR${closing}`, '-', ''].join('\r\n');
writeFileSync(join(inbox, 'first.sta'), mt940('S1', '1000,00', '250401', '150,01', '1150,01', '250402'));
// Opens at 1200.00 although the first closed at 1150.01: entries between them are missing.
writeFileSync(join(inbox, 'second.sta'), mt940('S2', '1200,00', '250402', '10,00', '1210,00', '250403'));

const sourcesFile = join(inbox, 'sources.json');
writeFileSync(
  sourcesFile,
  JSON.stringify({
    bank_mt940: { type: 'mt940', options: { encoding: 'latin1' } },
    bank_camt053: { type: 'camt053', options: {} },
    bank_ofx: { type: 'ofx', options: {} },
    bank_bai2: { type: 'bai2', options: { default_currency: 'USD' } },
    bank_typo: { type: 'mt940', options: { encodign: 'latin1' } },
  }),
);
const env = { RECON_INBOX_DIR: inbox, RECON_SOURCES_FILE: sourcesFile };

describe('statement files (MT940, camt.053, OFX, BAI2) through the API and the CLI', () => {
  const context = useTestApp(env);
  const { http } = context;
  const preview = (source: string, file: string) => http().post(`/recon/sources/${source}/preview`).send({ file_path: file });

  it('previews each format by configuration alone: records, rejections, dialect and balances, and creates no job', async () => {
    const jobsBefore = await context.app.get(DataSource).query(`SELECT count(*)::int AS n FROM recon_jobs`);
    const previews = await Promise.all([preview('bank_mt940', 'german.sta'), preview('bank_camt053', 'camt-break.xml'), preview('bank_ofx', 'bank.ofx'), preview('bank_bai2', 'bank.bai')]);
    for (const response of previews) {
      expect(response.status).toBe(200);
      expect(response.body.records_total).toBeGreaterThan(0);
      expect(response.body.records.length).toBe(Math.min(20, response.body.records_total));
      expect(response.body.statements.length).toBeGreaterThan(0);
    }
    const [german, camt] = previews.map((response) => response.body);
    expect(german.dialect).toEqual({ format: 'mt940', encoding: 'latin1' });
    expect(german.records[0]).toMatchObject({ reference: 'ABO-2025-04-7781', amount: '89.90', direction: 'debit', currency: 'EUR', booked: '2025-04-01', time_precision: 'date', counterparty: 'Sportverein Grün-Weiß München e.V. (DE02120300000000202051)' });
    expect(german.findings).toEqual([]);
    expect(camt.findings).toEqual([
      expect.objectContaining({ code: 'statement_balance_break', account: 'AT611904300234573201', message: expect.stringContaining('but the closing balance is 1300.00 EUR (difference 25.00)') }),
    ]);
    const jobsAfter = await context.app.get(DataSource).query(`SELECT count(*)::int AS n FROM recon_jobs`);
    expect(jobsAfter).toEqual(jobsBefore);
  });

  it('refuses at once an upload in a format the source cannot read, and keeps no job', async () => {
    const response = await http().post('/recon/run').field('source', 'bank_camt053').field('date', '2025-04-02').attach('file', join(inbox, 'first.sta')).expect(400);
    expect(response.body).toMatchObject({ code: 'RECON_FORMAT_MISMATCH', message: 'file: bank_camt053 reads camt053 files, but this file looks like mt940' });
    const previewed = await http().post('/recon/sources/bank_ofx/preview').attach('file', join(inbox, 'bank.bai')).expect(400);
    expect(previewed.body.code).toBe('RECON_FORMAT_MISMATCH');
  });

  it('records each statement and reports a gap with the statement before it, from an earlier job', async () => {
    const first = await http().post('/recon/run').send({ source: 'bank_mt940', date: '2025-04-02', file_path: 'first.sta' }).expect(202);
    expect(await jobFinished(http, first.body.job_id)).toMatchObject({ status: 'completed', findings: [] });
    const second = await http().post('/recon/run').send({ source: 'bank_mt940', date: '2025-04-03', file_path: 'second.sta' }).expect(202);
    const finished = await jobFinished(http, second.body.job_id);
    expect(finished.status).toBe('completed');
    const job = await http().get(`/recon/jobs/${second.body.job_id}`).expect(200);
    expect(job.body.findings).toEqual([
      {
        code: 'statement_gap', statement_key: 'mt940:1', account: 'DE89370400440532013000',
        message: 'line 1: opens at 1200.00 EUR, but the previous statement of DE89370400440532013000 closed at 1150.01 on 2025-04-02: entries between them are missing',
      },
    ]);
    const summary = await http().get(`/recon/summary/2025-04-03?source=bank_mt940`).expect(200);
    expect(summary.body.findings).toEqual(job.body.findings);
    // The same first statement again is not an overlap with itself.
    const again = await http().post('/recon/run').send({ source: 'bank_mt940', date: '2025-04-02', file_path: 'first.sta' }).expect(202);
    expect(await jobFinished(http, again.body.job_id)).toMatchObject({ status: 'completed', findings: [] });
  });

  it('names a misconfigured source in every run and preview, and keeps the others working', async () => {
    const run = await http().post('/recon/run').send({ source: 'bank_typo', date: '2025-04-02', file_path: 'first.sta' }).expect(422);
    expect(run.body).toMatchObject({ code: 'RECON_SOURCE_INVALID', message: 'source "bank_typo" is misconfigured in RECON_SOURCES_FILE: sources.bank_typo.options.encodign: is not an option of a mt940 source (known: file_pattern, encoding, default_currency)' });
    await preview('bank_typo', 'first.sta').expect(422);
    const ready = await http().get('/health/ready').expect(200);
    expect(JSON.stringify(ready.body)).toContain('"misconfigured":{"bank_typo":');
  });

  it('previews from the CLI', async () => {
    const result = await runCli(['preview-source', '--source', 'bank_camt053', '--file', join(inbox, 'camt-break.xml'), '--limit', '1'], env);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Source bank_camt053 (camt053): 2 records, 0 rejected');
    expect(result.stdout).toContain('statement_balance_break: Document/BkToCstmrStmt/Stmt[1]: opening 1000.00 + entries 275.00 = 1275.00, but the closing balance is 1300.00 EUR (difference 25.00)');
    const json = await runCli(['preview-source', '--source', 'bank_mt940', '--file', join(inbox, 'first.sta'), '--json'], env);
    expect(JSON.parse(json.stdout)).toMatchObject({ source: 'bank_mt940', type: 'mt940', records_total: 1, rejected_total: 0, findings: [] });
  });
});
