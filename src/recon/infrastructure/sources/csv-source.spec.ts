import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DomainError, ValidationFailed } from '../../../common/errors/domain-error.js';
import type { ColumnMapping, SourceItem } from '../../domain/recon-source.js';
import { CsvSource, normaliseNewlines, readCsv } from './csv-source.js';

const mapping: ColumnMapping = { id: 'txn_id', reference: 'description', amount: 'amount', currency: 'currency', timestamp: 'date' };
const day = { businessDate: '2025-07-13', windowMinutes: 60 };

async function collect(items: AsyncIterable<SourceItem>): Promise<SourceItem[]> {
  const collected: SourceItem[] = [];
  for await (const item of items) collected.push(item);
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
        : `statement ${item.statement.key}`,
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
      "7!id (column 'txn_id'): 'B1' is already used on line 2",
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

  it('throws for an empty file and for an unclosed quote', async () => {
    await expect(read([''])).rejects.toMatchObject({ code: 'RECON_SOURCE_INVALID', message: 'the file is empty: no header row' });
    const unclosed = 'txn_id,date,amount,currency,description\nB1,2025-07-13T09:00:00Z,1.00,USD,"never closed\nB2,x,y,z,w\n';
    await expect(read([unclosed])).rejects.toMatchObject({
      code: 'RECON_SOURCE_INVALID',
      message: expect.stringContaining('unreadable CSV'),
    });
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
    expect(() => new CsvSource({ ...mapping, decimalSeparator: ',' })).toThrow(
      "mapping.delimiter: must differ from the decimal separator ','",
    );
    expect(() => new CsvSource({ ...mapping, signConvention: 'direction_column' })).toThrow('mapping.direction');
    expect(() => new CsvSource({ ...mapping, currency: undefined })).toThrow('mapping.currency');
    expect(() => new CsvSource({ ...mapping, dateFormat: 'MM/DD/YYYY' as never })).toThrow('mapping.dateFormat');
    expect(() => new CsvSource({ ...mapping, delimiter: '"' })).toThrow('mapping.delimiter');
  });
});

describe('normaliseNewlines', () => {
  it('turns CRLF and lone CR into LF across chunk boundaries', async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of normaliseNewlines(toAsync(['a\r', '\nb\rc\r', '', 'd\r\n', 'e\r']))) chunks.push(chunk);
    expect(Buffer.concat(chunks).toString()).toBe('a\nb\nc\nd\ne\n');
  });
});
