import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sniffFileFormat } from './statement-formats.js';
import { StatementSourceFactory } from './statement-source-factory.js';
import { mt940Format } from './mt940/mt940-format.js';

const fixture = (path: string) => readFileSync(join(process.cwd(), 'test/fixtures', path)).subarray(0, 4_096);

describe('sniffFileFormat', () => {
  it.each([
    ['statements/mt940/envelope-two-statements.sta', 'mt940'],
    ['statements/camt053/camt053-v02-batch.xml', 'camt053'],
    ['statements/ofx/bank-sgml-win1252.ofx', 'ofx'],
    ['statements/ofx/bank-xml-211-utf8.ofx', 'ofx'],
    ['statements/bai2/multi-group.bai', 'bai2'],
  ])('knows %s as %s', (path, type) => {
    expect(sniffFileFormat(fixture(path))).toBe(type);
  });

  it('says nothing about CSV text, even with a NUL in a cell, and names binary documents', () => {
    expect(sniffFileFormat(fixture('csv-dialects/knab-nl.csv'))).toBeUndefined();
    expect(sniffFileFormat(Buffer.from('id,amount\nA\u0000,1\n'))).toBeUndefined();
    expect(sniffFileFormat(Buffer.from('%PDF-1.7\n'))).toBe('a PDF document');
    expect(sniffFileFormat(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14]))).toBe('a ZIP archive or spreadsheet');
  });
});

describe('StatementSourceFactory', () => {
  const factory = new StatementSourceFactory(mt940Format);
  const create = (options: Record<string, unknown>) => factory.create({ name: 'bank', type: 'mt940', options, accountId: null, schedule: false });

  it('names the exact option that is wrong', () => {
    expect(() => create({ encodign: 'latin1' })).toThrow('sources.bank.options.encodign: is not an option of a mt940 source (known: file_pattern, encoding, default_currency)');
    expect(() => create({ encoding: 'klingon' })).toThrow('sources.bank.options.encoding: must be an encoding name such as utf-8, latin1 or win1252');
    expect(() => create({ default_currency: 'eur' })).toThrow('sources.bank.options.default_currency: must be an ISO 4217 code such as EUR');
  });

  it('refuses a file of another format by its first bytes, naming what it looks like', () => {
    const source = create({ encoding: 'latin1' });
    expect(source.checkFile(fixture('statements/mt940/balance-break.sta'))).toBeUndefined();
    expect(source.checkFile(fixture('statements/camt053/camt053-v02-batch.xml'))).toBe('bank reads mt940 files, but this file looks like camt053');
    expect(source.checkFile(fixture('csv-dialects/knab-nl.csv'))).toBe('bank reads mt940 files, but this file does not start like mt940');
  });
});
