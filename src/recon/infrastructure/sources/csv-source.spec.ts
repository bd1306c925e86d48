import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DomainError, ValidationFailed } from '../../../common/errors/domain-error.js';
import type { ColumnMapping, SourceItem } from '../../domain/recon-source.js';
import { CsvSource, readCsv } from './csv-source.js';

const mapping: ColumnMapping = { id: 'txn_id', reference: 'description', amount: 'amount', currency: 'currency', timestamp: 'date' };
const day = { businessDate: '2025-07-13', windowMinutes: 60 };

async function collect(items: AsyncIterable<SourceItem>): Promise<SourceItem[]> {
  const collected: SourceItem[] = [];
  // The dialect item (what was detected) has its own spec in csv-dialects.spec.ts.
  for await (const item of items) if (item.kind !== 'dialect') collected.push(item);
  return collected;
}

/** Feeds `chunks` as separate stream chunks, so tests can split a CRLF or a BOM across a boundary. */
const read = (chunks: (string | Buffer)[], overrides: Partial<ColumnMapping> = {}) =>
  collect(readCsv(toAsync(chunks), { ...mapping, ...overrides }, day));

async function* toAsync(chunks: (string | Buffer)[]): AsyncGenerator<Buffer | string> {
  yield* chunks;
}

/** A compact view of items: "line:key:amount:currency:iso" for records, "line!reason" for rejections. */
function summary(items: SourceItem[]): string[] {
  return items.map((item) =>
    item.kind === 'record'
      ? `${item.record.line}:${item.record.key}:${item.record.reference}:${item.record.amount.toString()}:${item.record.currency}:${item.record.occurredAt.toISOString()}`
      : item.kind === 'rejected'
        ? `${item.line}!${item.reason}`
        : item.kind,
  );
}

describe('readCsv', () => {
  it('reads a plain file into external records with 1-based line numbers', async () => {
    const items = await read(['txn_id,date,amount,currency,description\n', 'B1,2025-07-13T09:15:00Z,12.50,usd,TXN-1\n']);
    expect(summary(items)).toEqual(['2:B1:TXN-1:12.5:USD:2025-07-13T09:15:00.000Z']);
    expect(items[0]).toMatchObject({ kind: 'record', record: { side: 'external' } });
  });

  it('handles a UTF-8 BOM and CRLF line endings, even split across chunks', async () => {
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    const items = await read([
      bom,
      'txn_id,date,amount,currency,description\r',
      '\nB1,2025-07-13T09:15:00Z,1.00,USD,A\r\n\r\nB2,2025-07-13T09:16:00Z,2.00,USD,B\r',
    ]);
    expect(summary(items)).toEqual(['2:B1:A:1:USD:2025-07-13T09:15:00.000Z', '4:B2:B:2:USD:2025-07-13T09:16:00.000Z']);
  });

  it('reads quoted fields with delimiters, doubled quotes and line breaks, keeping later line numbers right', async () => {
    const csv = [
      'txn_id,date,amount,currency,description',
      'B1,2025-07-13T09:15:00Z,"1,250.00",USD,"ACME, Inc ""TXN-1"""',
      'B2,2025-07-13T09:16:00Z,2.00,USD,"two\r\nlines"',
      'B3,2025-07-13T09:17:00Z,3.00,USD,ACME "BIG" LTD',
      'B4,2025-07-13T09:18:00Z,oops,USD,x',
    ].join('\r\n');
    expect(summary(await read([csv]))).toEqual([
      '2:B1:ACME, Inc "TXN-1":1250:USD:2025-07-13T09:15:00.000Z',
      '3:B2:two\nlines:2:USD:2025-07-13T09:16:00.000Z',
      '5:B3:ACME "BIG" LTD:3:USD:2025-07-13T09:17:00.000Z',
      "6!amount (column 'amount'): 'oops' is not a valid amount (expected e.g. 1234.56 or 1,234.56)",
    ]);
  });

  it('reads decimal commas with a semicolon delimiter and the other date formats', async () => {
    const csv = 'txn_id;date;amount;currency;description\nB1;13/07/2025 14:03;1.234,56;EUR;TXN-1\n';
    const items = await read([csv], { delimiter: ';', decimalSeparator: ',', dateFormat: 'DD/MM/YYYY HH:mm' });
    expect(summary(items)).toEqual(['2:B1:TXN-1:1234.56:EUR:2025-07-13T14:03:00.000Z']);
  });

  it('rejects bad rows with their line and the field at fault, and keeps reading', async () => {
    const csv = [
      'txn_id,date,amount,currency,description',
      'B1,2025-07-13T09:00:00Z,1.00,USD,ok',
      'B2,2025-07-13T09:00:00Z,1.0.0,USD,bad amount',
      'B3,13/07/2025,1.00,USD,bad date',
      ',2025-07-13T09:00:00Z,,USD,missing id and amount',
      'B5,2025-07-13T09:00:00Z,1.00,USD',
      'B1,2025-07-13T09:00:00Z,1.00,USD,duplicate id',
      'B7,2025-07-13T09:00:00Z,1.00,DOLLARS,bad currency',
      'B8,2025-07-14T01:00:01Z,1.00,USD,next day',
      'B9,2025-07-13T09:00:00Z,-1.00,USD,negative',
      'B10,2025-07-13T09:00:00Z,2.00,USD,ok again',
    ].join('\n');
    expect(summary(await read([csv]))).toEqual([
      '2:B1:ok:1:USD:2025-07-13T09:00:00.000Z',
      "3!amount (column 'amount'): '1.0.0' is not a valid amount (expected e.g. 1234.56 or 1,234.56)",
      "4!timestamp (column 'date'): '13/07/2025' is not a valid iso timestamp (expected e.g. 2025-07-13T14:03:00Z)",
      "5!id (column 'txn_id'): missing value; amount (column 'amount'): missing value",
      '6!expected 5 columns as in the header, found 4',
      // The reader keeps nothing from row to row: the repeated id is settled in staging (repeated-ids.ts).
      '7:B1:duplicate id:1:USD:2025-07-13T09:00:00.000Z',
      "8!currency (column 'currency'): 'DOLLARS' is not a 3-letter ISO 4217 currency code",
      '9:B8:next day:1:USD:2025-07-14T01:00:01.000Z',
      "10!amount (column 'amount'): '-1.00' is negative but signConvention is 'absolute'",
      '11:B10:ok again:2:USD:2025-07-13T09:00:00.000Z',
    ]);
  });

  it('keeps the raw row on a rejection', async () => {
    const [item] = await read(['txn_id,date,amount,currency,description\r\n', 'B1,2025-07-13T09:00:00Z,x,USD,"q, r"\r\n']);
    expect(item).toEqual({
      kind: 'rejected',
      line: 2,
      reason: expect.stringContaining('amount'),
      raw: 'B1,2025-07-13T09:00:00Z,x,USD,"q, r"',
    });
  });

  it('throws RECON_SOURCE_INVALID naming every missing mapped column', async () => {
    const attempt = read(['id,when,amount,description\nB1,2025-07-13T09:00:00Z,1.00,x\n']);
    await expect(attempt).rejects.toThrow(DomainError);
    await expect(attempt).rejects.toMatchObject({
      code: 'RECON_SOURCE_INVALID',
      kind: 'validation',
      message:
        "the CSV header cannot be used: column 'txn_id' (id) is missing; column 'currency' (currency) is missing; " +
        "column 'date' (timestamp) is missing (found: id, when, amount, description)",
    });
  });

  it('matches header names ignoring case and surrounding spaces, but refuses ambiguous ones', async () => {
    const items = await read([' TXN_ID , Date ,AMOUNT,Currency,Description\nB1,2025-07-13T09:00:00Z,1.00,USD,x\n']);
    expect(items).toHaveLength(1);
    await expect(read(['txn_id,date,amount,Amount,currency,description\n'])).rejects.toThrow(
      "column 'amount' (amount) appears more than once",
    );
  });

  it('throws for an empty file, but rejects a row with an unclosed quote and reads on', async () => {
    await expect(read([''])).rejects.toMatchObject({ code: 'RECON_SOURCE_INVALID', message: 'the file is empty: no header row' });
    const unclosed = 'txn_id,date,amount,currency,description\nB1,2025-07-13T09:00:00Z,1.00,USD,"never closed\nB2,2025-07-13T09:01:00Z,2.00,USD,w\n';
    expect(summary(await read([unclosed]))).toEqual([
      '2!an opening quote in column 5 is never closed (the file ends first); the line is rejected and reading resumes on the next line',
      '3:B2:w:2:USD:2025-07-13T09:01:00.000Z',
    ]);
  });

  it('uses the default currency when there is no currency column or the cell is empty', async () => {
    const csv = 'txn_id,date,amount,description,currency\nB1,2025-07-13T09:00:00Z,1.00,x,\nB2,2025-07-13T09:00:00Z,1.00,y,eur\n';
    const items = await read([csv], { defaultCurrency: 'usd' });
    expect(summary(items).map((line) => line.split(':')[4])).toEqual(['USD', 'EUR']);
    const noColumn = await read(['txn_id,date,amount,description\nB1,2025-07-13T09:00:00Z,1.00,x\n'], {
      currency: undefined,
      defaultCurrency: 'GBP',
    });
    expect(summary(noColumn)[0]).toContain(':GBP:');
  });

  it('applies the sign conventions and stores the amount positive', async () => {
    const signed = 'txn_id,date,amount,currency,description\nB1,2025-07-13T09:00:00Z,-5.00,USD,x\nB2,2025-07-13T09:00:00Z,5.00,USD,y\n';
    const byNegative = await read([signed], { signConvention: 'negative_is_debit' });
    expect(byNegative.map((item) => item.kind === 'record' && [item.record.amount.toString(), item.record.direction])).toEqual([
      ['5', 'debit'],
      ['5', 'credit'],
    ]);
    const withColumn =
      'txn_id,date,amount,currency,description,dc\nB1,2025-07-13T09:00:00Z,5.00,USD,x,DR\nB2,2025-07-13T09:00:00Z,5.00,USD,y,?\nB3,2025-07-13T09:00:00Z,-5.00,USD,z,CR\n';
    expect(summary(await read([withColumn], { signConvention: 'direction_column', direction: 'dc' }))).toEqual([
      '2:B1:x:5:USD:2025-07-13T09:00:00.000Z',
      "3!direction (column 'dc'): '?' is not a direction (expected C/CR/CREDIT/IN or D/DR/DEBIT/OUT)",
      "4!amount (column 'amount'): '-5.00' is negative but the direction column gives the sign",
    ]);
  });
});

describe('CsvSource', () => {
  let directory: string;

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'recon-csv-'));
  });

  afterAll(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('streams a file from disk', async () => {
    const filePath = join(directory, 'bank.csv');
    await writeFile(filePath, '\uFEFFtxn_id,date,amount,currency,description\r\nB1,2025-07-13T09:15:00Z,1.00,USD,TXN-1\r\n');
    const source = new CsvSource(mapping, 'bank-csv');
    expect(source.name).toBe('bank-csv');
    expect(summary(await collect(source.read({ ...day, filePath })))).toEqual(['2:B1:TXN-1:1:USD:2025-07-13T09:15:00.000Z']);
  });

  it('reports a missing file as RECON_SOURCE_NOT_FOUND and a missing path as invalid', async () => {
    const source = new CsvSource(mapping);
    await expect(collect(source.read({ ...day, filePath: join(directory, 'nope.csv') }))).rejects.toMatchObject({
      code: 'RECON_SOURCE_NOT_FOUND',
      kind: 'not_found',
    });
    await expect(collect(source.read(day))).rejects.toMatchObject({ code: 'RECON_SOURCE_INVALID' });
    await expect(collect(source.read({ ...day, businessDate: '2025-02-30', filePath: 'x' }))).rejects.toThrow(ValidationFailed);
  });

  it('validates the mapping up front', () => {
    // Decimal commas in a comma-delimited file are fine when quoted; an unquoted one is a row problem.
    expect(() => new CsvSource({ ...mapping, decimalSeparator: ',' })).not.toThrow();
    expect(() => new CsvSource({ ...mapping, datePattern: 'qq' }, 'bank_knab')).toThrow(
      "sources.bank_knab.options.mapping.datePattern: 'qq' is not a luxon date pattern with a year, month and day (e.g. dd-MM-yyyy)",
    );
    expect(() => new CsvSource({ ...mapping, signConvention: 'direction_column' })).toThrow('mapping.direction');
    expect(() => new CsvSource({ ...mapping, currency: undefined })).toThrow('mapping.currency');
    expect(() => new CsvSource({ ...mapping, dateFormat: 'MM/DD/YYYY' as never })).toThrow('mapping.dateFormat');
    expect(() => new CsvSource({ ...mapping, delimiter: '"' })).toThrow('mapping.delimiter');
  });
});

describe('readCsv dialect options', () => {
  const byDate: ColumnMapping = { id: 'id', reference: 'ref', amount: 'amount', currency: 'cur', date: 'date' };
  const readWith = (text: string | Buffer, overrides: Partial<ColumnMapping>) => collect(readCsv([text], { ...byDate, ...overrides }, day));
  const records = (items: SourceItem[]) =>
    items.map((item) =>
      item.kind === 'record'
        ? [item.record.line, item.record.key, item.record.amount.toFixed(), item.record.direction, item.record.occurredAt.toISOString(), item.record.bookingDate]
        : item.kind === 'rejected'
          ? `${item.line}!${item.reason}`
          : item.kind,
    );

  it('finds the header below a preamble and after skipLines, and numbers lines from the file start', async () => {
    const text = 'Export of account NL12;;\n\nid;ref;amount;cur;date\nA1;x;1,50;EUR;2025-07-13\n';
    expect(records(await readWith(text, { decimalSeparator: ',' }))).toEqual([[4, 'A1', '1.5', undefined, '2025-07-13T00:00:00.000Z', '2025-07-13']]);
    // skipLines drops the line that names the columns too, so the next header-like line is the header.
    const twice = 'id,ref,amount,cur,date\nid,ref,amount,cur,date\nA1,x,1.50,EUR,2025-07-13\n';
    expect(records(await readWith(twice, { skipLines: 1 }))).toEqual([[3, 'A1', '1.5', undefined, '2025-07-13T00:00:00.000Z', '2025-07-13']]);
  });

  it('gives up after 50 lines without a header, naming what the first line lacks', async () => {
    const preamble = Array.from({ length: 50 }, (_, index) => `note ${index}`).join('\n');
    await expect(readWith(`${preamble}\nid,ref,amount,cur,date\n`, {})).rejects.toMatchObject({
      code: 'RECON_SOURCE_INVALID',
      message: expect.stringContaining("column 'id' (id) is missing"),
    });
  });

  it('detects the delimiter from the header respecting quotes', async () => {
    const text = '"id";"ref, long";"amount";"cur";"date"\n"A1";"x, y";"2,50";"EUR";"2025-07-13"\n';
    const items = await readWith(text, { reference: 'ref, long', decimalSeparator: ',' });
    expect(items).toMatchObject([{ kind: 'record', record: { reference: 'x, y', amount: expect.anything() } }]);
    expect(records(items)).toEqual([[2, 'A1', '2.5', undefined, '2025-07-13T00:00:00.000Z', '2025-07-13']]);
    const tabs = 'id\tref\tamount\tcur\tdate\nA1\tx\t3\tEUR\t2025-07-13\n';
    expect(records(await readWith(tabs, {}))).toEqual([[2, 'A1', '3', undefined, '2025-07-13T00:00:00.000Z', '2025-07-13']]);
  });

  it('reads a file without a header by column positions', async () => {
    const text = '13/07/2025|Coffee|3.40|GBP\n13/07/2025|Tea|-2.10|GBP\n13/07/2025|Short\n';
    const mapping = { id: undefined, header: false, date: '#1', reference: '#2', amount: '#3', currency: '#4', datePattern: 'dd/MM/yyyy' } as const;
    const items = await readWith(text, { ...mapping, signConvention: 'negative_is_debit' });
    expect(records(items)).toEqual([
      [1, expect.stringMatching(/^[0-9a-f]{20}:1$/), '3.4', 'credit', '2025-07-13T00:00:00.000Z', '2025-07-13'],
      [2, expect.stringMatching(/^[0-9a-f]{20}:1$/), '2.1', 'debit', '2025-07-13T00:00:00.000Z', '2025-07-13'],
      '3!the row has 2 columns, so column #3 (amount) is missing',
    ]);
  });

  it('reads separate debit and credit amount columns, one filled per row', async () => {
    const text = 'id,ref,debit,credit,cur,date\nA1,x,12.00,,EUR,2025-07-13\nA2,y,,5.00,EUR,2025-07-13\nA3,z,,,EUR,2025-07-13\nA4,w,1.00,2.00,EUR,2025-07-13\nA5,v,-3.00,0.00,EUR,2025-07-13\n';
    const items = await readWith(text, { amount: undefined, debitAmount: 'debit', creditAmount: 'credit' });
    expect(records(items)).toEqual([
      [2, 'A1', '12', 'debit', '2025-07-13T00:00:00.000Z', '2025-07-13'],
      [3, 'A2', '5', 'credit', '2025-07-13T00:00:00.000Z', '2025-07-13'],
      '4!amount: both debitAmount and creditAmount are empty',
      "5!amount: both debitAmount ('1.00') and creditAmount ('2.00') hold an amount",
      [6, 'A5', '3', 'debit', '2025-07-13T00:00:00.000Z', '2025-07-13'],
    ]);
  });

  it('reads luxon patterns in a time zone: US and English month dates, times without offset, old dateFormat values', async () => {
    const read1 = (date: string, overrides: Partial<ColumnMapping>) => readWith(`id,ref,amount,cur,when\nA1,x,1,USD,${date}\n`, { date: undefined, timestamp: 'when', ...overrides });
    const instant = async (date: string, overrides: Partial<ColumnMapping>) => records(await read1(date, overrides))[0];
    expect(await instant('7/13/2025', { datePattern: 'M/d/yyyy' })).toEqual([2, 'A1', '1', undefined, '2025-07-13T00:00:00.000Z', '2025-07-13']);
    expect(await instant('13-Jul-2025', { datePattern: 'dd-MMM-yyyy' })).toEqual([2, 'A1', '1', undefined, '2025-07-13T00:00:00.000Z', '2025-07-13']);
    expect(await instant('2025-07-13 09:30', { datePattern: 'yyyy-MM-dd HH:mm', timeZone: 'America/New_York' })).toEqual([
      2, 'A1', '1', undefined, '2025-07-13T13:30:00.000Z', undefined,
    ]);
    expect(await instant('2025-07-13 09:30:00', { dateFormat: 'YYYY-MM-DD HH:mm:ss', timeZone: 'Europe/London' })).toEqual([
      2, 'A1', '1', undefined, '2025-07-13T08:30:00.000Z', undefined,
    ]);
    expect(await instant('2025-07-13T09:30:00', { timeZone: 'Europe/Amsterdam' })).toEqual([2, 'A1', '1', undefined, '2025-07-13T07:30:00.000Z', undefined]);
    expect(await instant('2025-07-13T09:30:00Z', { timeZone: 'Europe/Amsterdam' })).toEqual([2, 'A1', '1', undefined, '2025-07-13T09:30:00.000Z', undefined]);
    expect(await instant('en attente', { datePattern: 'M/d/yyyy' })).toBe(
      "2!timestamp (column 'when'): 'en attente' is not a date (expected M/d/yyyy); pending transactions are not booked yet",
    );
    expect(await instant('13/07/2025', { datePattern: 'M/d/yyyy' })).toBe("2!timestamp (column 'when'): '13/07/2025' is not a date (expected M/d/yyyy)");
  });

  it('reads date and time columns, value dates, and refuses a currency the amount contradicts', async () => {
    const text = 'id,ref,amount,cur,date,time,value\nA1,x,£1.00,GBP,13/07/2025,9:05,14/07/2025\nA2,y,£1.00,EUR,13/07/2025,09:05:30,31/02/2025\nA3,z,1.00,EUR,13/07/2025,,\n';
    const items = await readWith(text, { time: 'time', datePattern: 'dd/MM/yyyy', valueDate: 'value', timeZone: 'Europe/London' });
    expect(records(items)).toEqual([
      [2, 'A1', '1', undefined, '2025-07-13T08:05:00.000Z', undefined],
      "3!currency (column 'cur'): 'EUR' but the amount is written in GBP; valueDate (column 'value'): '31/02/2025' is not a date (expected dd/MM/yyyy)",
      "4!date (column 'date'): the time cell next to '13/07/2025' is empty",
    ]);
    expect(items[0]).toMatchObject({ record: { valueDate: '2025-07-14', currency: 'GBP' } });
    expect((items[0] as { record: object }).record).not.toHaveProperty('timePrecision');
  });

  it('reads an ISO-8859-1 header and values', async () => {
    const latin1 = Buffer.from('id;Naam initiërende partij;amount;cur;date\nA1;Zoë;1;EUR;2025-07-13\n', 'latin1');
    const items = await readWith(latin1, { reference: 'Naam initiërende partij', encoding: 'ISO-8859-1' });
    expect(items).toMatchObject([{ kind: 'record', record: { reference: 'Zoë', line: 2 } }]);
  });

  it('refuses a file whose line never ends instead of holding it in memory', async () => {
    const endless = ['id,ref,amount,cur,date\n', ...Array.from({ length: 5 }, () => 'x'.repeat(60_000))];
    await expect(collect(readCsv(endless, byDate, day))).rejects.toMatchObject({
      code: 'RECON_SOURCE_INVALID',
      message: 'a line runs past 262144 bytes without a line end: not a CSV export',
    });
  });

  it('takes the first line as the header when every column is positional, detecting its delimiter', async () => {
    const text = 'Datum;Omschrijving;;Bedrag;Munt\n2025-07-13;Koffie;x;3,40;EUR\n';
    const mapping = { id: undefined, date: '#1', reference: '#2', amount: '#4', currency: '#5', decimalSeparator: ',' } as const;
    const items = await readWith(text, mapping);
    expect(items).toMatchObject([{ kind: 'record', record: { reference: 'Koffie', line: 2, currency: 'EUR' } }]);
    expect(records(items)).toEqual([[2, expect.stringMatching(/:1$/), '3.4', undefined, '2025-07-13T00:00:00.000Z', '2025-07-13']]);
  });
});
