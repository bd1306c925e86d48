import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { DomainError } from '../../../../common/errors/domain-error.js';
import { mt940Format } from './mt940-format.js';

const fixtures = 'test/fixtures/statements/mt940';

function fixture(name: string): Buffer {
  return readFileSync(`${fixtures}/${name}`);
}

async function* chunks(bytes: Buffer, size = bytes.length): AsyncGenerator<Buffer> {
  for (let start = 0; start < bytes.length; start += size) yield bytes.subarray(start, start + size);
}

/** Items as JSON would carry them: amounts and dates as strings, so expectations are exact text. */
async function parsed(bytes: Buffer, options: { encoding?: string; chunkSize?: number } = {}): Promise<unknown[]> {
  const out: unknown[] = [];
  for await (const item of mt940Format.parse(chunks(bytes, options.chunkSize), { sourceName: 'bank_mt940', encoding: options.encoding })) {
    out.push(JSON.parse(JSON.stringify(item)));
  }
  return out;
}

interface ExpectedRecord {
  key: string;
  reference?: string;
  amount: string;
  direction: 'credit' | 'debit';
  currency: string;
  bookingDate: string;
  valueDate: string;
  line: number;
  statementKey: string;
  endToEndId?: string;
  counterparty?: string;
  description?: string;
}

function record(fields: ExpectedRecord) {
  return {
    kind: 'record',
    record: { side: 'external', reference: '', timePrecision: 'date', occurredAt: `${fields.bookingDate}T00:00:00.000Z`, ...fields },
  };
}

function statement(key: string, account: string, currency: string, location: string, opening?: [string, string], closing?: [string, string]) {
  return {
    kind: 'statement',
    statement: {
      key,
      account,
      currency,
      ...(opening ? { opening: { amount: opening[0], date: opening[1] } } : {}),
      ...(closing ? { closing: { amount: closing[0], date: closing[1] } } : {}),
      location,
    },
  };
}

describe('mt940Format.parse', () => {
  it('reads several SWIFT messages with envelopes: bank references as ids, reversals, supplementary details, a debit opening balance', async () => {
    const eur = { currency: 'EUR', bookingDate: '2025-03-31', valueDate: '2025-03-31', statementKey: 'mt940:1' };
    const usd = { currency: 'USD', bookingDate: '2025-03-31', valueDate: '2025-03-31', statementKey: 'mt940:2' };
    expect(await parsed(fixture('envelope-two-statements.sta'))).toEqual([
      record({ ...eur, key: 'B5C31ABC0001', reference: 'INV-2025-0042', amount: '1500', direction: 'credit', line: 6, description: 'Payment invoice INV-2025-0042 ACME GmbH; /OCMT/EUR1500,00/' }),
      record({ ...eur, key: 'B5C31ABC0002', amount: '250.75', direction: 'debit', line: 9, description: 'Card fee March' }),
      record({ ...eur, key: 'B5C31ABC0003', reference: 'REF-9912', amount: '100', direction: 'debit', line: 11, description: 'reversal (RC); Return of credit REF-9912' }),
      statement('mt940:1', 'DE89370400440532013000', 'EUR', 'line 2', ['12500', '2025-03-28'], ['13649.25', '2025-03-31']),
      record({ ...usd, key: '00400123456/USD/2025-03-31/2000/PO-77/1', reference: 'PO-77', amount: '2000', direction: 'credit', line: 20, description: 'Incoming USD' }),
      record({ ...usd, key: 'B5C31USD0001', amount: '40', direction: 'credit', line: 22, description: 'reversal (RD); Fee refund' }),
      statement('mt940:2', '00400123456/USD', 'USD', 'line 16', ['-500', '2025-03-28'], ['1540', '2025-03-31']),
    ]);
  });

  it('reads statements without envelopes, separated by "-" or not; entry dates across a year end; identical entries get numbered ids', async () => {
    const page1 = { currency: 'EUR', bookingDate: '2024-12-31', valueDate: '2025-01-02', statementKey: 'mt940:1' };
    expect(await parsed(fixture('plain-three-statements.sta'))).toEqual([
      record({
        ...page1, key: 'NL91ABNA0417164300/2024-12-31/1200/E2E-2024-12-31-001/1', reference: 'E2E-2024-12-31-001', endToEndId: 'E2E-2024-12-31-001',
        amount: '1200', direction: 'credit', line: 5, description: 'Salary December',
      }),
      record({ ...page1, key: 'NL91ABNA0417164300/2024-12-31/-35//1', amount: '35', direction: 'debit', line: 7, description: 'Subscription' }),
      record({ ...page1, key: 'NL91ABNA0417164300/2024-12-31/-35//2', amount: '35', direction: 'debit', line: 9, description: 'Subscription' }),
      statement('mt940:1', 'NL91ABNA0417164300', 'EUR', 'line 1', ['-1000', '2024-12-30'], ['130', '2025-01-02']),
      record({
        key: '9876543210ABCD', reference: 'INV 883', amount: '80.5', direction: 'debit', currency: 'EUR', bookingDate: '2025-01-02', valueDate: '2025-01-02',
        line: 17, statementKey: 'mt940:2',
        // The first :86: line was cut at 65 characters inside "onderhoud"; the second line ended where its writer ended it.
        description: 'Jansen Installatie BV NL20INGB0001234567 Factuur 883 januari onderhoud ketel zoals afgesproken Kenmerk 2025-883',
      }),
      statement('mt940:2', 'NL91ABNA0417164300', 'EUR', 'line 13', ['130', '2025-01-02'], ['49.5', '2025-01-02']),
      statement('mt940:3', 'NL91ABNA0417164300', 'EUR', 'line 22', ['49.5', '2025-01-02'], ['49.5', '2025-01-03']),
    ]);
  });

  it('reads a German bank export in ISO-8859-1 with DK-structured :86: (EREF+, SVWZ+, KREF+, ABWA+, ?31-?33)', async () => {
    const april1 = { currency: 'EUR', bookingDate: '2025-04-01', valueDate: '2025-04-01', statementKey: 'mt940:1' };
    const april2 = { ...april1, bookingDate: '2025-04-02', valueDate: '2025-04-02' };
    expect(await parsed(fixture('german-bank-latin1.sta'), { encoding: 'latin1' })).toEqual([
      record({
        ...april1, key: '50010517/0648489890/2025-04-01/-89.9/ABO-2025-04-7781/1', reference: 'ABO-2025-04-7781', endToEndId: 'ABO-2025-04-7781',
        amount: '89.9', direction: 'debit', line: 5,
        counterparty: 'Sportverein Grün-Weiß München e.V. (DE02120300000000202051)', description: 'Mitgliedsbeitrag April 2025 Sportverein Grün-Weiß',
      }),
      record({
        ...april1, key: '50010517/0648489890/2025-04-01/1200/RG-2025-0815/1', reference: 'RG-2025-0815', endToEndId: 'RG-2025-0815',
        amount: '1200', direction: 'credit', line: 10, counterparty: 'Möbelhaus Schäfer GmbH (DE44500105175407324931)', description: 'Rechnung 2025-0815 Büromöbel',
      }),
      record({
        ...april2, key: '50010517/0648489890/2025-04-02/-15//1', amount: '15', direction: 'debit', line: 14,
        counterparty: 'Hans Müller', description: 'Dauerauftrag Garage Miete April',
      }),
      record({
        ...april2, key: '50010517/0648489890/2025-04-02/89.9/ABO-2025-04-7781/1', reference: 'ABO-2025-04-7781', endToEndId: 'ABO-2025-04-7781',
        amount: '89.9', direction: 'credit', line: 16, counterparty: 'Jürgen Weiß', description: 'reversal (RD); Rücklastschrift Mitgliedsbeitrag',
      }),
      record({
        ...april2, key: '50010517/0648489890/2025-04-02/310/SAMMLER-2025-0402/1', reference: 'SAMMLER-2025-0402',
        amount: '310', direction: 'credit', line: 19, description: '3 Lastschriften Beiträge April',
      }),
      statement('mt940:1', '50010517/0648489890', 'EUR', 'line 1', ['2451.3', '2025-03-31'], ['3946.3', '2025-04-02']),
    ]);
  });

  it('reads a Latin-1 file without an encoding option: a line that is not valid UTF-8 is read as Windows-1252', async () => {
    const items = (await parsed(fixture('german-bank-latin1.sta'))) as { record?: { counterparty?: string } }[];
    expect(items[2].record?.counterparty).toBe('Hans Müller');
  });

  it('rejects what it cannot read with its line and a plain reason, and reads the rest', async () => {
    const reject = (line: number, reason: string, raw?: string) => ({ kind: 'rejected', line, reason, ...(raw === undefined ? {} : { raw }) });
    expect(await parsed(fixture('rejections.sta'))).toEqual([
      reject(4, 'not an MT940 field (a field starts with a tag such as :61:), and :28C: has one line only', 'THIS IS NOT AN MT940 LINE'),
      reject(5, ':61: entry without a preceding opening balance (:60F:), so its currency is unknown', ':61:250401C10,00NTRFEARLY//B0001'),
      reject(8, 'amount: more than 18 integer digits', ':61:250401C1234567890123456789,00NTRFBIG//B0002'),
      reject(9, "booking date: '2025-02-31' is not a calendar date; value date: '2025-02-31' is not a calendar date", ':61:250231C5,00NTRFBADDATE//B0003'),
      reject(10, "booking date: '2025-04-31' is not a calendar date", ':61:2504010431C5,00NTRFBADENTRY//B0004'),
      reject(11, ':61: expected the mark C, D, RC or RD after the value date (and optional entry date MMDD)', ':61:250401X5,00NTRFBADMARK//B0005'),
      reject(12, ':61: expected the amount with a decimal comma (e.g. 1234,56) after the mark', ':61:250401C5.00NTRFDOT//B0006'),
      reject(15, 'not an MT940 field (a field starts with a tag such as :61:), and :61: has one supplementary line at most', 'stray after supplementary'),
      record({
        key: 'B0007', reference: 'GOOD', amount: '20', direction: 'debit', currency: 'EUR', bookingDate: '2025-04-01', valueDate: '2025-04-01',
        line: 13, statementKey: 'mt940:1', description: 'Still parsed; /SUPPLEMENTARY/',
      }),
      reject(17, 'unknown MT940 field :99:', ':99:unknown field'),
      statement('mt940:1', 'DE89370400440532013000', 'EUR', 'line 1', ['100', '2025-03-31'], ['80', '2025-04-01']),
      reject(23, ":60F: date: '250431' is not a calendar date (YYMMDD)", ':60F:C250431EUR80,00'),
      reject(24, ':61: entry without a preceding opening balance (:60F:), so its currency is unknown', ':61:250501C1,00NTRFLOST//B0008'),
      statement('mt940:2', 'DE89370400440532013000', 'EUR', 'line 20', undefined, ['81', '2025-05-01']),
      reject(27, 'statement mt940:3: no account (:25:); no readable opening or closing balance (:60F:/:62F:); its balances cannot be checked'),
    ]);
  });

  it('emits a statement whose balances do not add up as it is: the shared checker finds the break', async () => {
    const day = { currency: 'EUR', bookingDate: '2025-04-02', valueDate: '2025-04-02', statementKey: 'mt940:1' };
    expect(await parsed(fixture('balance-break.sta'))).toEqual([
      record({ ...day, key: 'B7001', reference: 'INV-7001', amount: '250', direction: 'credit', line: 5, description: 'Invoice 7001' }),
      record({ ...day, key: 'B7002', amount: '99.99', direction: 'debit', line: 7, description: 'Office supplies' }),
      statement('mt940:1', 'DE89370400440532013000', 'EUR', 'line 1', ['1000', '2025-04-01'], ['1160.01', '2025-04-02']),
    ]);
  });

  it('gives the same items whatever the chunk boundaries (CR LF and multi-byte characters split), and the same ids on a rerun', async () => {
    for (const name of ['envelope-two-statements.sta', 'plain-three-statements.sta', 'german-bank-latin1.sta', 'rejections.sta']) {
      const whole = await parsed(fixture(name), { encoding: 'latin1' });
      expect(await parsed(fixture(name), { encoding: 'latin1', chunkSize: 1 })).toEqual(whole);
      expect(await parsed(fixture(name), { encoding: 'latin1', chunkSize: 7 })).toEqual(whole);
    }
    const utf8 = iconv.encode(iconv.decode(fixture('german-bank-latin1.sta'), 'latin1'), 'utf-8');
    expect(await parsed(utf8, { chunkSize: 3 })).toEqual(await parsed(fixture('german-bank-latin1.sta'), { encoding: 'latin1' }));
  });

  it('streams: the first record comes out before the rest of the file is read', async () => {
    const entry = (n: number) => `:61:2504010401C1,00NTRFREF${n}//BANK${n}\r\n:86:Entry ${n}\r\n`;
    let chunksRead = 0;
    async function* endless(): AsyncGenerator<Buffer> {
      chunksRead += 1;
      yield Buffer.from(':20:STREAM\r\n:25:DE89370400440532013000\r\n:28C:1/1\r\n:60F:C250331EUR0,00\r\n');
      for (let n = 1; ; n += 1) {
        chunksRead += 1;
        yield Buffer.from(entry(n));
      }
    }
    const items = mt940Format.parse(endless(), { sourceName: 'bank_mt940' })[Symbol.asyncIterator]();
    const first = await items.next();
    expect(first.value).toMatchObject({ kind: 'record', record: { key: 'BANK1', line: 5 } });
    expect(chunksRead).toBeLessThanOrEqual(3);
    await items.return?.(undefined);
  });

  it('refuses a file that is not MT940 before yielding anything', async () => {
    await expect(parsed(Buffer.from('txn_id,amount\n1,2.00\n'))).rejects.toEqual(
      new DomainError('RECON_FORMAT_MISMATCH', 'validation', 'bank_mt940: not an MT940 statement: line 1 should start with a field tag such as ":20:" or a SWIFT block "{1:", found "txn_id,amount"'),
    );
    await expect(parsed(Buffer.from('\r\n  \r\n'))).rejects.toThrow('bank_mt940: the file is empty, not an MT940 statement');
    await expect(parsed(Buffer.from('<?xml version="1.0"?><Document/>'))).rejects.toMatchObject({ code: 'RECON_FORMAT_MISMATCH' });
  });
});

describe('mt940Format.sniff', () => {
  it('recognises MT940 with or without envelope, after a BOM and blank lines', () => {
    expect(mt940Format.sniff(fixture('envelope-two-statements.sta'))).toBe(true);
    expect(mt940Format.sniff(fixture('german-bank-latin1.sta'))).toBe(true);
    expect(mt940Format.sniff(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('\r\n  :20:STARTUMSE\r\n')]))).toBe(true);
  });

  it('refuses CSV, XML, OFX, BAI2 and random bytes', () => {
    const refused = [
      'txn_id,description,amount\n',
      '<?xml version="1.0" encoding="UTF-8"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">',
      'OFXHEADER:100\nDATA:OFXSGML\n',
      '01,BANKID,CUSTID,250331,1200,1,,,2/\n',
      '',
    ].map((text) => Buffer.from(text));
    for (const head of [...refused, Buffer.from([0x00, 0xff, 0x3a, 0x32, 0x30, 0x3a])]) expect(mt940Format.sniff(head)).toBe(false);
    expect(mt940Format.type).toBe('mt940');
  });
});
