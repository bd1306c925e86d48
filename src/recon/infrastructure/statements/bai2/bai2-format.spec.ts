import { DomainError } from '../../../../common/errors/domain-error.js';
import { bai2Format } from './bai2-format.js';
import { parseFixture, parseText } from './bai2-test-support.js';

const day = (date: string) => ({ bookingDate: date, occurredAt: `${date}T00:00:00.000Z` });
const usd = (line: number, key: string) => ({ kind: 'record', currency: 'USD', line, statementKey: key });

const multiGroup = [
  {
    ...usd(5, 'bai2:1:4001234567'), key: 'FW2503130001', reference: 'INV-2025-0042', amount: '2500', direction: 'credit', ...day('2025-03-13'),
    valueDate: '2025-03-14', description: 'INCOMING WIRE ACME GMBH, HAMBURG ORG BANK DEUTDEFF, BNF ACME CORP',
  },
  { ...usd(7, 'bai2:1:4001234567'), key: 'ACH2503130007', reference: 'PO 7781', amount: '150', direction: 'credit', ...day('2025-03-13'), description: 'ACH CREDIT RECEIVED' },
  { ...usd(8, 'bai2:1:4001234567'), key: 'CHK000981', reference: '981', amount: '1007.5', direction: 'debit', ...day('2025-03-13'), description: 'CHECK PAID' },
  {
    kind: 'statement', key: 'bai2:1:4001234567', account: '4001234567', currency: 'USD', location: 'line 3',
    opening: { amount: '15234', date: '2025-03-13' }, closing: { amount: '16876.5', date: '2025-03-13' },
  },
  {
    ...usd(11, 'bai2:1:4009876543'), key: '4009876543:2025-03-13:301:50000:DEP 5521:1', reference: 'DEP 5521', amount: '500', direction: 'credit',
    ...day('2025-03-13'), description: 'COMMERCIAL DEPOSIT',
  },
  { ...usd(12, 'bai2:1:4009876543'), key: '4009876543:2025-03-13:661:1500:SVC-03:1', reference: 'SVC-03', amount: '15', direction: 'debit', ...day('2025-03-13') },
  { ...usd(13, 'bai2:1:4009876543'), key: '4009876543:2025-03-13:661:1500:SVC-03:2', reference: 'SVC-03', amount: '15', direction: 'debit', ...day('2025-03-13') },
  {
    kind: 'statement', key: 'bai2:1:4009876543', account: '4009876543', currency: 'USD', location: 'line 10',
    opening: { amount: '-250', date: '2025-03-13' }, closing: { amount: '220', date: '2025-03-13' },
  },
  {
    kind: 'record', key: 'TKY0313-0017', reference: 'ORDER 5531', amount: '480000', currency: 'JPY', direction: 'credit', line: 18, ...day('2025-03-13'),
    valueDate: '2025-03-14', description: 'FOREIGN REMITTANCE YAMADA SHOJI KK', statementKey: 'bai2:2:7700112233',
  },
  {
    kind: 'record', key: 'TKY0313-0018', reference: '', amount: '125000', currency: 'JPY', direction: 'debit', line: 19, ...day('2025-03-13'),
    description: 'OUTGOING TRANSFER', statementKey: 'bai2:2:7700112233',
  },
  {
    kind: 'statement', key: 'bai2:2:7700112233', account: '7700112233', currency: 'JPY', location: 'line 17',
    opening: { amount: '1250000', date: '2025-03-13' }, closing: { amount: '1605000', date: '2025-03-13' },
  },
  {
    kind: 'record', key: 'EU0313-77', reference: 'RF18539007547034', amount: '123.45', currency: 'EUR', direction: 'credit', line: 22, ...day('2025-03-13'),
    description: 'SEPA CT MUELLER & SOEHNE', statementKey: 'bai2:2:DE89370400440532013000',
  },
  {
    kind: 'statement', key: 'bai2:2:DE89370400440532013000', account: 'DE89370400440532013000', currency: 'EUR', location: 'line 21',
    opening: { amount: '10000', date: '2025-03-13' }, closing: { amount: '10123.45', date: '2025-03-13' },
  },
  {
    kind: 'record', key: 'BH0313-5', reference: '', amount: '12.5', currency: 'BHD', direction: 'debit', line: 25, ...day('2025-03-13'),
    description: 'MONTHLY FEES', statementKey: 'bai2:2:BH67BMAG00001299123456',
  },
  {
    kind: 'statement', key: 'bai2:2:BH67BMAG00001299123456', account: 'BH67BMAG00001299123456', currency: 'BHD', location: 'line 24',
    opening: { amount: '5000', date: '2025-03-13' }, closing: { amount: '4987.5', date: '2025-03-13' },
  },
];

describe('bai2Format.parse', () => {
  it('reads a multi-group CR LF file: continuations of 03 and 16 text, funds types V/S/D/Z, JPY (0) and BHD (3 decimals), derived ids', async () => {
    expect(await parseFixture('multi-group.bai')).toEqual(multiGroup);
  });

  it('gives the same items whatever the chunk size (records and CR LF split across chunks)', async () => {
    expect(await parseFixture('multi-group.bai', {}, 1)).toEqual(multiGroup);
    expect(await parseFixture('multi-group.bai', {}, 7)).toEqual(multiGroup);
  });

  it('reads fixed 80-character records with the default currency, signed balances, and reports a broken account control total', async () => {
    expect(await parseFixture('padded-80.bai', { defaultCurrency: 'USD' })).toEqual([
      {
        ...usd(4, 'bai2:1:000123456789'), key: '0402ACH991', reference: 'PAYROLL 0402', amount: '10200', direction: 'debit', ...day('2025-04-02'),
        description: 'ACH DEBIT RECEIVED PAYROLL SERVICES INC COMPANY ID 1234567890 ENTRY DESCR PAYROLL',
      },
      { kind: 'rejected', line: 6, reason: "account trailer control total 2000100 does not equal the sum of the account's amounts 2000000", raw: '49,2000100,4/' },
      {
        kind: 'statement', key: 'bai2:1:000123456789', account: '000123456789', currency: 'USD', location: 'line 3',
        opening: { amount: '10000', date: '2025-04-02' }, closing: { amount: '-200', date: '2025-04-02' },
      },
    ]);
  });

  it('without a currency anywhere, rejects the entries and the statement but still reads the file', async () => {
    const items = await parseFixture('padded-80.bai');
    expect(items.map((item) => [item.kind, item.kind === 'rejected' ? `${item.line}: ${item.reason}` : ''])).toEqual([
      ['rejected', '4: currency: missing (set defaultCurrency on the source when the file does not say)'],
      ['rejected', "6: account trailer control total 2000100 does not equal the sum of the account's amounts 2000000"],
      ['rejected', '3: statement of account 000123456789 (line 3): currency missing (set defaultCurrency on the source when the file does not say)'],
    ]);
  });

  it('rejects malformed details, unknown records, orphan continuations and missing trailers with their lines; the rest still yields', async () => {
    expect(await parseFixture('malformed.bai')).toEqual([
      { kind: 'rejected', line: 4, reason: "transaction detail: amount '12.50' is not an unsigned whole number of minor units", raw: '16,195,12.50,0,BR1,,BAD AMOUNT/' },
      { kind: 'rejected', line: 5, reason: 'transaction detail: type code 015 is an account status (balance) code, not a transaction', raw: '16,015,100000,,BR2,,STATUS CODE IN A DETAIL/' },
      { kind: 'rejected', line: 6, reason: 'transaction detail: type code 890 carries non-monetary information, not a transaction', raw: '16,890,0,,BR3,,NON-MONETARY INFORMATION/' },
      { kind: 'rejected', line: 7, reason: "transaction detail: funds type 'X' is not one of 0, 1, 2, V, S, D, Z", raw: '16,195,5000,X,BR4,,UNKNOWN FUNDS TYPE/' },
      { kind: 'rejected', line: 8, reason: "transaction detail: funds type V: value date '25043' is not YYMMDD", raw: '16,195,5000,V,25043,,BR5,,SHORT VALUE DATE/' },
      { kind: 'rejected', line: 9, reason: "value date: '2025-04-31' is not a calendar date", raw: '16,399,7500,V,250431,,BR6,REF6,VALUE DATE NOT ON THE CALENDAR/' },
      { kind: 'rejected', line: 10, reason: "unknown record code '17'", raw: '17,UNKNOWN RECORD/' },
      { ...usd(11, 'bai2:1:55501234'), key: 'BR7', reference: 'REF7', amount: '25', direction: 'credit', ...day('2025-04-30'), description: 'GOOD ONE' },
      {
        kind: 'rejected', line: 12, raw: '49,323750,10/',
        reason: "account trailer control total 323750 does not equal the sum of the account's amounts 322500 (1 unreadable amount not counted)",
      },
      {
        kind: 'statement', key: 'bai2:1:55501234', account: '55501234', currency: 'USD', location: 'line 3',
        opening: { amount: '1000', date: '2025-04-30' }, closing: { amount: '1025', date: '2025-04-30' },
      },
      {
        kind: 'rejected', line: 13, raw: '88,TEXT AFTER THE TRAILER/',
        reason: 'continuation (88) with nothing to continue (it follows the account trailer (49) at line 12, which cannot be continued)',
      },
      { kind: 'rejected', line: 14, reason: 'transaction detail (16) outside an account: no account identifier (03) is open', raw: '16,195,100,0,BR8,,AFTER THE ACCOUNT/' },
      { ...usd(16, 'bai2:1:55509999'), key: 'BR9', reference: '', amount: '1', direction: 'credit', ...day('2025-04-30'), description: 'TRUNCATED FILE' },
      { kind: 'rejected', line: 16, reason: 'account 55509999 (account identifier at line 15) has no account trailer (49) before the end of the input' },
      { kind: 'statement', key: 'bai2:1:55509999', account: '55509999', currency: 'USD', location: 'line 15', opening: { amount: '0', date: '2025-04-30' } },
      { kind: 'rejected', line: 16, reason: 'group (group header at line 2) has no group trailer (98) before the end of the input' },
      { kind: 'rejected', line: 16, reason: 'file (file header at line 1) has no file trailer (99) before the end of the input' },
    ]);
  });

  it('checks group and file trailers: control totals against their children, accounts, groups and record counts', async () => {
    const file = [
      '01,S,R,250501,0800,1,,,2/',
      '02,R,S,1,250430,,USD,2/',
      '03,111,,010,500,,/',
      '16,195,100,0,B1,,/',
      '49,600,3/',
      '98,601,2,4/',
      '99,600,2,7/',
    ].join('\n');
    expect((await parseText(file)).filter((item) => item.kind === 'rejected')).toEqual([
      {
        kind: 'rejected', line: 6, raw: '98,601,2,4/',
        reason: 'group trailer control total 601 does not equal the sum of its account control totals 600; group trailer number of accounts 2 does not equal the 1 accounts of the group; group trailer record count 4 does not equal the 5 records of the group',
      },
      {
        kind: 'rejected', line: 7, raw: '99,600,2,7/',
        reason: 'file trailer control total 600 does not equal the sum of its group control totals 601; file trailer number of groups 2 does not equal the 1 groups of the file',
      },
    ]);
  });

  it('reads negative and signed trailer totals and counts continuation records', async () => {
    const file = ['01,S,R,250501,0800,1,,,2/', '02,R,S,1,250430,,USD,2/', '03,111,,010,-900,,/', '88,015,-800,,/', '16,195,100,0,B1,,X/', '88,MORE', '49,-1600,5/', '98,-1600,1,7/', '99,-1600,1,9/'];
    const items = await parseText(file.join('\r\n'));
    expect(items.filter((item) => item.kind !== 'record')).toEqual([
      { kind: 'statement', key: 'bai2:1:111', account: '111', currency: 'USD', location: 'line 3', opening: { amount: '-9', date: '2025-04-30' }, closing: { amount: '-8', date: '2025-04-30' } },
    ]);
    expect(items[0]).toMatchObject({ kind: 'record', key: 'B1', description: 'X MORE' });
  });

  it('keeps statement keys unique when an account appears twice in a group, and derived ids unique when it appears twice on a day', async () => {
    const file = [
      '01,S,R,250501,0800,1,,,2/',
      '02,R,S,1,250430,,USD,2/', '03,111,,,/', '16,475,100,0,,CHK1,/', '49,100,3/', '03,111,,,/', '16,475,100,0,,CHK1,/', '49,100,3/', '98,200,2,8/',
      '02,R,S,1,250430,,USD,2/', '03,111,,,/', '16,475,100,0,,CHK1,/', '49,100,3/', '98,100,1,5/',
      '99,300,2,15/',
    ];
    const items = await parseText(file.join('\n'));
    expect(items.map((item) => (item.kind === 'record' ? `${item.key} ${item.statementKey}` : item.kind === 'statement' ? `statement ${item.key}` : item))).toEqual([
      '111:2025-04-30:475:100:CHK1:1 bai2:1:111',
      'statement bai2:1:111',
      '111~2:2025-04-30:475:100:CHK1:1 bai2:1:111#2',
      'statement bai2:1:111#2',
      '111~3:2025-04-30:475:100:CHK1:1 bai2:2:111',
      'statement bai2:2:111',
    ]);
  });

  it('reads several files in one input and rejects records between a file trailer and the next file header', async () => {
    const one = ['01,S,R,250501,0800,1,,,2/', '02,R,S,1,250430,,USD,2/', '03,111,,,/', '16,195,100,0,B1,,/', '49,100,3/', '98,100,1,5/', '99,100,1,7/'];
    const two = one.map((line) => line.replace('B1', 'B2').replace('250430', '250501'));
    const items = await parseText([...one, '16,195,5,0,STRAY,,/', ...two].join('\n'));
    expect(items.map((item) => (item.kind === 'record' ? `${item.key} ${item.bookingDate} ${item.statementKey}` : item.kind === 'statement' ? item.key : item))).toEqual([
      'B1 2025-04-30 bai2:1:111',
      'bai2:1:111',
      { kind: 'rejected', line: 8, reason: 'transaction detail (16) after the file trailer (99) at line 7: outside any file', raw: '16,195,5,0,STRAY,,/' },
      'B2 2025-05-01 bai2:2:111',
      'bai2:2:111',
    ]);
  });

  it('rejects a group header without a usable as-of date; its entries have no booking date and its statement no balances', async () => {
    const file = ['01,S,R,250501,0800,1,,,2/', '02,R,S,1,250231,,USD,2/', '03,111,,010,5,,/', '16,195,100,0,B1,,/', '49,105,3/', '98,105,1,5/', '99,105,1,7/'];
    expect(await parseText(file.join('\n'))).toEqual([
      { kind: 'rejected', line: 2, reason: "group header: as-of date '250231' is not a date (YYMMDD); the group's entries have no booking date", raw: '02,R,S,1,250231,,USD,2/' },
      { kind: 'rejected', line: 4, reason: "booking date: '2025-02-31' is not a calendar date", raw: '16,195,100,0,B1,,/' },
      { kind: 'statement', key: 'bai2:1:111', account: '111', currency: 'USD', location: 'line 3' },
    ]);
  });

  it('rejects an unreadable account identifier and the entries under it', async () => {
    const file = ['01,S,R,250501,0800,1,,,2/', '02,R,S,1,250430,,USD,2/', '03,,,010,12A,,,XYZ,5,,/', '16,195,100,0,B1,,/', '49,105,3/', '98,105,1,5/', '99,105,1,7/'];
    expect(await parseText(file.join('\n'))).toEqual([
      {
        kind: 'rejected', line: 3, raw: '03,,,010,12A,,,XYZ,5,,/',
        reason: "account identifier: account number missing; type code 010: amount '12A' is not a whole number of minor units; type code 'XYZ' is not three digits",
      },
      { kind: 'rejected', line: 4, reason: 'transaction detail: its account identifier at line 3 is unusable: account number missing', raw: '16,195,100,0,B1,,/' },
    ]);
  });

  it('yields the first record before the rest of the input has been read', async () => {
    let linesRead = 0;
    async function* input() {
      for (const line of ['01,S,R,250501,0800,1,,,2/', '02,R,S,1,250430,,USD,2/', '03,111,,,/', '16,195,100,0,B1,,/', '16,195,200,0,B2,,/']) {
        linesRead += 1;
        yield Buffer.from(`${line}\n`);
      }
      for (;;) {
        linesRead += 1;
        yield Buffer.from('16,195,1,0,,,/\n');
        if (linesRead > 100_000) throw new Error('read too far');
      }
    }
    const items = bai2Format.parse(input(), { sourceName: 'bank_bai2' })[Symbol.asyncIterator]();
    const first = await items.next();
    expect(first.value).toMatchObject({ kind: 'record', record: { key: 'B1' } });
    expect(linesRead).toBe(5);
    await items.return?.(undefined);
  });

  it('refuses a file that does not start with a file header, before yielding anything', async () => {
    const refused = async (text: string | Buffer) => {
      async function* input() {
        yield Buffer.isBuffer(text) ? text : Buffer.from(text);
      }
      const items = bai2Format.parse(input(), { sourceName: 'bank_bai2' })[Symbol.asyncIterator]();
      return items.next().then(
        () => undefined,
        (error: unknown) => error,
      );
    };
    const csv = await refused('id,amount,date\n1,5.00,2025-01-01\n');
    expect(csv).toBeInstanceOf(DomainError);
    expect(csv).toMatchObject({ code: 'RECON_FORMAT_MISMATCH', message: 'bank_bai2: not a BAI2 file: it must start with a file header record (01), it starts with "id,amount,date\\n1,5.0"' });
    expect(await refused('02,R,S,1,250430,,USD,2/\n')).toMatchObject({ code: 'RECON_FORMAT_MISMATCH' });
    expect(await refused('')).toMatchObject({ code: 'RECON_FORMAT_MISMATCH' });
    expect(await refused(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]))).toMatchObject({ code: 'RECON_FORMAT_MISMATCH' });
    expect(await refused('01,S,R,250501,0800,1,,,1/\n')).toMatchObject({
      code: 'RECON_FORMAT_MISMATCH', message: "bank_bai2: not a BAI2 file: the file header says version '1'; BAI2 is version 2",
    });
  });

  it('reads a file with a UTF-8 BOM, leading blank lines and BTRS version 3', async () => {
    const items = await parseText('\ufeff\n\n01,S,R,250501,0800,1,,,3/\n02,R,S,1,250430,,USD,2/\n03,111,,,/\n16,195,100,0,B1,,/\n49,100,3/\n98,100,1,5/\n99,100,1,7/\n'.replace('\ufeff', '\xef\xbb\xbf'));
    expect(items.map((item) => item.kind)).toEqual(['record', 'statement']);
    expect(items[0]).toMatchObject({ line: 6, key: 'B1' });
  });
});

describe('bai2Format.sniff', () => {
  const sniff = (text: string | Buffer) => bai2Format.sniff(Buffer.isBuffer(text) ? text : Buffer.from(text, 'latin1'));

  it('recognises a file header, also after a BOM and whitespace', () => {
    expect(sniff('01,122000043,ACMETREAS,250314,0605,1,80,1,2/\r\n02,')).toBe(true);
    expect(sniff('\xef\xbb\xbf\r\n  01,SENDER,RECEIVER,250501,,12,,,2/')).toBe(true);
  });

  it('refuses CSV, MT940, camt, OFX and random bytes', () => {
    expect(sniff('date,amount,reference\n2025-01-01,5.00,x\n')).toBe(false);
    expect(sniff(':20:STARTUMS\r\n:25:DE89370400440532013000\r\n')).toBe(false);
    expect(sniff('<?xml version="1.0"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08">')).toBe(false);
    expect(sniff('OFXHEADER:100\r\nDATA:OFXSGML\r\n')).toBe(false);
    expect(sniff(Buffer.from([0x01, 0x2c, 0xff, 0x00, 0x13]))).toBe(false);
    expect(sniff('01,2025,5.00\n')).toBe(false);
  });
});
