import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import type { SourceItem } from '../../../domain/recon-source.js';
import type { StatementParseOptions } from '../statement-format.js';
import { ofxFormat } from './ofx-format.js';

const fixture = (name: string): Buffer => readFileSync(new URL(`../../../../../test/fixtures/statements/ofx/${name}`, import.meta.url));

async function* chunked(bytes: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

/** Items as plain data: amounts as decimal strings, instants as ISO strings. */
async function parse(bytes: Buffer | string, options: Partial<StatementParseOptions> = {}, chunkSize = 4096): Promise<unknown[]> {
  const input = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes;
  const out: unknown[] = [];
  for await (const item of ofxFormat.parse(chunked(input, chunkSize), { sourceName: 'bank_ofx', ...options })) out.push(plain(item));
  return out;
}

function plain(item: SourceItem): unknown {
  if (item.kind === 'record') return { ...item.record, amount: item.record.amount.toFixed(), occurredAt: item.record.occurredAt.toISOString() };
  if (item.kind === 'rejected' || item.kind === 'dialect') return item;
  const { closing, ...rest } = item.statement;
  return { kind: 'statement', statement: closing === undefined ? rest : { ...rest, closing: { amount: closing.amount.toFixed(), date: closing.date } } };
}

/** An expected record: what every OFX record shares is filled in from its booking date. */
function record(fields: { key: string; amount: string; direction: 'credit' | 'debit'; currency: string; bookingDate: string; line: number; statementKey: string } & Record<string, unknown>) {
  return { side: 'external', reference: '', timePrecision: 'date', occurredAt: `${fields.bookingDate}T00:00:00.000Z`, ...fields };
}

const withHeader = (body: string, charset = 'NONE'): string =>
  `OFXHEADER:100\r\nDATA:OFXSGML\r\nVERSION:102\r\nSECURITY:NONE\r\nENCODING:USASCII\r\nCHARSET:${charset}\r\nCOMPRESSION:NONE\r\nOLDFILEUID:NONE\r\nNEWFILEUID:NONE\r\n\r\n${body}`;

const bankStatement = (inside: string, trailer = '<LEDGERBAL><BALAMT>10.00<DTASOF>20250331</LEDGERBAL>'): string =>
  withHeader(`<OFX><BANKMSGSRSV1><STMTTRNRS><TRNUID>1<STMTRS>${inside}${trailer}</STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>`);

describe('ofxFormat', () => {
  describe('OFX 1.x SGML on many lines, Windows-1252', () => {
    const bytes = fixture('bank-sgml-win1252.ofx');
    const key = 'ofx:1:00012345678';

    it('gives every entry as a record or a rejection, then the closing balance', async () => {
      const items = await parse(bytes);
      expect(items[0]).toEqual({
        side: 'external', key: '25062000001', reference: '', amount: '12.5', currency: 'EUR', occurredAt: '2025-03-03T00:00:00.000Z',
        timePrecision: 'date', bookingDate: '2025-03-03', valueDate: '2025-03-01', line: 40, direction: 'debit',
        counterparty: 'CAFÉ MÜLLER', description: 'CB CAFÉ MÜLLER 01/03', statementKey: key,
      });
      expect(items.slice(1)).toEqual([
        record({
          key: '25064000002', reference: 'VIR-2025-0305-77', amount: '1250', direction: 'credit', currency: 'EUR', bookingDate: '2025-03-05', valueDate: '2025-03-05',
          line: 49, counterparty: 'SARL DUPONT & FILS', description: 'VIR SEPA FACTURE F-2025-031 – solde 1 250,00 €', statementKey: key,
        }),
        record({ key: '25069000003', reference: '0001234', amount: '300', direction: 'debit', currency: 'EUR', bookingDate: '2025-03-10', line: 59, description: 'CHEQUE 0001234', statementKey: key }),
        // No FITID: ids derived from account, date, amount and reference, numbered among identical entries.
        record({ key: '00012345678:2025-03-31:-4.9:#1', amount: '4.9', direction: 'debit', currency: 'EUR', bookingDate: '2025-03-31', line: 67, counterparty: 'FRAIS TENUE DE COMPTE', statementKey: key }),
        record({ key: '00012345678:2025-03-31:-4.9:#2', amount: '4.9', direction: 'debit', currency: 'EUR', bookingDate: '2025-03-31', line: 73, counterparty: 'FRAIS TENUE DE COMPTE', statementKey: key }),
        {
          kind: 'rejected', line: 79, location: 'STMTTRN 6 (OFX/BANKMSGSRSV1/STMTTRNRS/STMTRS/BANKTRANLIST/STMTTRN[6])',
          reason: "TRNAMT: '1.234,56' is not an amount", raw: '<TRNTYPE>DEBIT<DTPOSTED>20250331<TRNAMT>1.234,56<FITID>25090000006<NAME>PRLV EDF',
        },
        { key, account: '00012345678', currency: 'EUR', location: 'statement 1 (OFX/BANKMSGSRSV1/STMTTRNRS/STMTRS), line 29', closing: { amount: '2450.3', date: '2025-03-31' } },
      ].map(asItem));
    });

    it('gives the same items, ids included, however the bytes are chunked', async () => {
      const whole = await parse(bytes, {}, bytes.length);
      expect(await parse(bytes, {}, 1)).toEqual(whole);
      expect(await parse(bytes, {}, 13)).toEqual(whole);
    });
  });

  describe('OFX 1.x SGML with the body on one line, ISO-8859-1, two bank accounts and a card', () => {
    it('gives three statements, locating entries by index and element path', async () => {
      const iban = 'FR7630004000310001234567890';
      const first = `ofx:1:${iban}`;
      const items = await parse(fixture('multi-account-sgml-one-line-latin1.ofx'), {}, 64);
      expect(items).toEqual([
        record({ key: '2025030200001', amount: '89.99', direction: 'debit', currency: 'EUR', bookingDate: '2025-03-02', line: 11, counterparty: 'ORANGE SA', description: 'PRLV SEPA ORANGE FACTURE 03/25', statementKey: first }),
        record({ key: '2025030300002', amount: '2100', direction: 'credit', currency: 'EUR', bookingDate: '2025-03-03', line: 11, counterparty: 'ACME PAYROLL', description: 'SALAIRE FEVRIER', statementKey: first }),
        record({
          key: '2025030400003', amount: '23.4', direction: 'debit', currency: 'EUR', bookingDate: '2025-03-04', valueDate: '2025-03-03', line: 11,
          counterparty: 'Boulangerie Sézanne', description: 'CB 03/03', statementKey: first,
        }),
        record({ key: '2025030600004', amount: '60', direction: 'debit', currency: 'EUR', bookingDate: '2025-03-06', line: 11, description: 'RETRAIT DAB PARIS 15', statementKey: first }),
        record({ key: '2025031000005', reference: 'EPARGNE-03', amount: '500', direction: 'debit', currency: 'EUR', bookingDate: '2025-03-10', line: 11, counterparty: 'LIVRET A', statementKey: first }),
        record({ key: '2025031500006', amount: '0.45', direction: 'credit', currency: 'EUR', bookingDate: '2025-03-15', line: 11, description: 'INTERETS', statementKey: first }),
        {
          kind: 'rejected', line: 11, location: 'STMTTRN 7 (OFX/BANKMSGSRSV1/STMTTRNRS/STMTRS/BANKTRANLIST/STMTTRN[7])',
          reason: "DTPOSTED: '31/03/2025' is not an OFX date (YYYYMMDD[HHMMSS[.XXX]][[offset:zone]])",
          raw: '<TRNTYPE>DEBIT<DTPOSTED>31/03/2025<TRNAMT>-15.00<FITID>2025033100007<NAME>NETFLIX',
        },
        { key: first, account: iban, currency: 'EUR', location: 'statement 1 (OFX/BANKMSGSRSV1/STMTTRNRS/STMTRS), line 11', closing: { amount: '3412.06', date: '2025-03-31' } },
        {
          kind: 'rejected', line: 11, location: 'STMTTRN 1 (OFX/BANKMSGSRSV1/STMTTRNRS[2]/STMTRS/BANKTRANLIST/STMTTRN[1])',
          reason: "booking date: '2025-02-30' is not a calendar date", raw: '<TRNTYPE>DEBIT<DTPOSTED>20250230<TRNAMT>-10.00<FITID>US-0001<NAME>WIRE FEE',
        },
        record({ key: 'US-0002', amount: '250', direction: 'credit', currency: 'USD', bookingDate: '2025-03-14', line: 11, counterparty: 'CLIENT REMIT', statementKey: 'ofx:2:987654321' }),
        { key: 'ofx:2:987654321', account: '987654321', currency: 'USD', location: 'statement 2 (OFX/BANKMSGSRSV1/STMTTRNRS[2]/STMTRS), line 11', closing: { amount: '-75.2', date: '2025-03-31' } },
        // 23:30 in New York is the 6th in UTC; the booking date stays the 5th as written.
        record({
          key: 'CC0305001', amount: '45.9', direction: 'debit', currency: 'EUR', bookingDate: '2025-03-05', valueDate: '2025-03-04', line: 11,
          counterparty: 'AMAZON EU SARL', description: 'AMAZON.FR', statementKey: 'ofx:3:4974XXXXXXXX1234',
        }),
        record({ key: 'CC0312002', amount: '45.9', direction: 'credit', currency: 'EUR', bookingDate: '2025-03-12', line: 11, counterparty: 'AMAZON EU SARL', description: 'REMBOURSEMENT', statementKey: 'ofx:3:4974XXXXXXXX1234' }),
        record({ key: 'CC0320003', amount: '412.35', direction: 'debit', currency: 'EUR', bookingDate: '2025-03-20', line: 11, counterparty: 'AIR FRANCE', statementKey: 'ofx:3:4974XXXXXXXX1234' }),
        {
          key: 'ofx:3:4974XXXXXXXX1234', account: '4974XXXXXXXX1234', currency: 'EUR', location: 'statement 3 (OFX/CREDITCARDMSGSRSV1/CCSTMTTRNRS/CCSTMTRS), line 11',
          closing: { amount: '-412.35', date: '2025-03-31' },
        },
      ].map(asItem));
    });
  });

  describe('OFX 2.x XML, UTF-8', () => {
    it('reads decimal commas, entities, PAYEE, per-entry currencies, transfers and corrections', async () => {
      const key = 'ofx:1:DE89370400440532013000';
      expect(await parse(fixture('bank-xml-211-utf8.ofx'), {}, 100)).toEqual([
        record({
          key: '2025033100001', amount: '12.5', direction: 'debit', currency: 'EUR', bookingDate: '2025-03-31', valueDate: '2025-03-30', line: 31,
          counterparty: 'B&Q Baumarkt', description: 'Kartenzahlung B&Q Zürich', statementKey: key,
        }),
        record({
          key: '2025031200002', amount: '99', direction: 'debit', currency: 'USD', bookingDate: '2025-03-12', line: 40,
          counterparty: 'GitHub, Inc.', description: 'Subscription; amount in USD at rate 0.9210', statementKey: key,
        }),
        // ORIGCURRENCY: the amount is already in CURDEF; the original currency is a note.
        record({
          key: '2025031400003', amount: '45.1', direction: 'debit', currency: 'EUR', bookingDate: '2025-03-14', line: 59,
          counterparty: 'Hotel Bellevue', description: 'original currency CHF at rate 1.0420', statementKey: key,
        }),
        record({
          key: '2025032000004', reference: 'RE-2025-0042', amount: '1500', direction: 'credit', currency: 'EUR', bookingDate: '2025-03-20', valueDate: '2025-03-21', line: 71,
          counterparty: 'Müller GmbH (DE02500105170137075030)', description: 'Rechnung RE-2025-0042', statementKey: key,
        }),
        record({
          key: '2025032500005', amount: '12.5', direction: 'credit', currency: 'EUR', bookingDate: '2025-03-25', line: 86,
          counterparty: 'B&Q Baumarkt', description: 'Gutschrift; correction (REPLACE) of FITID 2025031000099', statementKey: key,
        }),
        {
          kind: 'rejected', line: 96, location: 'STMTTRN 6 (OFX/BANKMSGSRSV1/STMTTRNRS/STMTRS/BANKTRANLIST/STMTTRN[6])',
          reason: "TRNAMT: '-1.234,00' is not an amount; DTUSER: '2025-03-27' is not an OFX date (YYYYMMDD[HHMMSS[.XXX]][[offset:zone]])",
          raw: '<TRNTYPE>DEBIT<DTPOSTED>20250328<DTUSER>2025-03-27<TRNAMT>-1.234,00<FITID>2025032800006<NAME>Finanzamt',
        },
        { key, account: 'DE89370400440532013000', currency: 'EUR', location: 'statement 1 (OFX/BANKMSGSRSV1/STMTTRNRS/STMTRS), line 21', closing: { amount: '-250.75', date: '2025-03-31' } },
      ].map(asItem));
    });
  });

  describe('OFX 2.x XML on one line, declared windows-1252, credit card', () => {
    it('decodes with the declared encoding and derives the id of an entry without FITID', async () => {
      const key = 'ofx:1:5412750000009876';
      expect(await parse(fixture('card-xml-220-win1252-one-line.ofx'), {}, 5)).toEqual([
        record({ key: 'GB2025020301', amount: '18.2', direction: 'debit', currency: 'GBP', bookingDate: '2025-02-03', line: 1, counterparty: 'Café Nero', statementKey: key }),
        record({
          key: '5412750000009876:2025-02-10:-64:#1', amount: '64', direction: 'debit', currency: 'GBP', bookingDate: '2025-02-10', line: 1,
          counterparty: 'Eurostar', description: 'Paris–London 75,00 €', statementKey: key,
        }),
        { key, account: '5412750000009876', currency: 'GBP', location: 'statement 1 (OFX/CREDITCARDMSGSRSV1/CCSTMTTRNRS/CCSTMTRS), line 1', closing: { amount: '-82.2', date: '2025-02-28' } },
      ].map(asItem));
    });
  });

  describe('sniff', () => {
    it('recognises every fixture, also after a byte-order mark and leading whitespace', () => {
      for (const name of ['bank-sgml-win1252.ofx', 'multi-account-sgml-one-line-latin1.ofx', 'bank-xml-211-utf8.ofx', 'card-xml-220-win1252-one-line.ofx']) {
        expect(ofxFormat.sniff(fixture(name).subarray(0, 4096))).toBe(true);
      }
      expect(ofxFormat.sniff(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('\r\n  OFXHEADER:100\r\nDATA:OFXSGML')]))).toBe(true);
    });

    it('refuses CSV, camt, MT940, BAI2 and random bytes', () => {
      expect(ofxFormat.sniff(Buffer.from('id,date,amount,currency\r\n1,2025-03-31,-12.50,EUR\r\n'))).toBe(false);
      expect(ofxFormat.sniff(Buffer.from('<?xml version="1.0" encoding="UTF-8"?>\n<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt>'))).toBe(false);
      expect(ofxFormat.sniff(Buffer.from(':20:STARTUMS\r\n:25:10020030/0532013000\r\n:28C:00001/001\r\n'))).toBe(false);
      expect(ofxFormat.sniff(Buffer.from('01,BANKID,CUSTID,250331,0800,1,,,2/\r\n'))).toBe(false);
      expect(ofxFormat.sniff(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff, 0x3c]))).toBe(false);
      expect(ofxFormat.sniff(Buffer.alloc(0))).toBe(false);
    });
  });

  describe('what is not OFX', () => {
    it.each([
      ['a CSV file', 'id,date,amount\r\n1,2025-03-31,-12.50\r\n'],
      ['a camt.053 file', '<?xml version="1.0"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt/></Document>'],
      ['an OFX header without an <OFX> element', 'OFXHEADER:100\r\nDATA:OFXSGML\r\nVERSION:102\r\n\r\n'],
      ['an empty file', ''],
    ])('refuses %s with RECON_FORMAT_MISMATCH before yielding anything', async (_what, text) => {
      const seen: SourceItem[] = [];
      const run = async () => {
        for await (const item of ofxFormat.parse(chunked(Buffer.from(text), 8), { sourceName: 'bank_ofx' })) seen.push(item);
      };
      await expect(run()).rejects.toMatchObject({ code: 'RECON_FORMAT_MISMATCH', kind: 'validation', message: expect.stringMatching(/^bank_ofx: not an OFX file/) });
      expect(seen).toEqual([]);
    });
  });

  describe('statement headers and balances', () => {
    const entry = '<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20250331<TRNAMT>-1.00<FITID>F1</STMTTRN>';
    const account = '<BANKACCTFROM><BANKID>1<ACCTID>ACC-1<ACCTTYPE>CHECKING</BANKACCTFROM>';
    const location = 'statement 1 (OFX/BANKMSGSRSV1/STMTTRNRS/STMTRS)';

    it('uses the default currency when CURDEF is missing, and refuses the statement without either', async () => {
      const text = bankStatement(`${account}<BANKTRANLIST>${entry}</BANKTRANLIST>`);
      expect(await parse(text, { defaultCurrency: 'CHF' })).toEqual([
        record({ key: 'F1', amount: '1', direction: 'debit', currency: 'CHF', bookingDate: '2025-03-31', line: 11, statementKey: 'ofx:1:ACC-1' }),
        { key: 'ofx:1:ACC-1', account: 'ACC-1', currency: 'CHF', location: `${location}, line 11`, closing: { amount: '10', date: '2025-03-31' } },
      ].map(asItem));
      expect(await parse(text)).toEqual([
        {
          kind: 'rejected', line: 11, location: 'STMTTRN 1 (OFX/BANKMSGSRSV1/STMTTRNRS/STMTRS/BANKTRANLIST/STMTTRN[1])',
          reason: 'currency: missing (set defaultCurrency on the source when the file does not say)', raw: '<TRNTYPE>DEBIT<DTPOSTED>20250331<TRNAMT>-1.00<FITID>F1',
        },
        { kind: 'rejected', line: 11, location, reason: 'statement: CURDEF: missing (set defaultCurrency on the source when the file does not say)' },
      ]);
    });

    it('refuses a statement without an account and one with a malformed closing balance, keeping its entries', async () => {
      expect(await parse(bankStatement(`<CURDEF>EUR<BANKTRANLIST>${entry}</BANKTRANLIST>`))).toEqual([
        record({ key: 'F1', amount: '1', direction: 'debit', currency: 'EUR', bookingDate: '2025-03-31', line: 11, statementKey: 'ofx:1:' }),
        { kind: 'rejected', line: 11, location, reason: 'statement: BANKACCTFROM/ACCTID: missing' },
      ]);
      const badBalance = '<LEDGERBAL><BALAMT>1 234,00<DTASOF>20250231</LEDGERBAL>';
      expect(await parse(bankStatement(`<CURDEF>EUR${account}<BANKTRANLIST>${entry}</BANKTRANLIST>`, badBalance))).toEqual([
        record({ key: 'F1', amount: '1', direction: 'debit', currency: 'EUR', bookingDate: '2025-03-31', line: 11, statementKey: 'ofx:1:ACC-1' }),
        {
          kind: 'rejected', line: 11, location: 'LEDGERBAL (OFX/BANKMSGSRSV1/STMTTRNRS/STMTRS/LEDGERBAL)',
          reason: "closing balance: BALAMT: '1 234,00' is not an amount; DTASOF: '20250231' is not a calendar date",
        },
        { key: 'ofx:1:ACC-1', account: 'ACC-1', currency: 'EUR', location: `${location}, line 11` },
      ].map(asItem));
    });

    it('gives a statement without LEDGERBAL with no closing balance', async () => {
      expect(await parse(bankStatement(`<CURDEF>EUR${account}<BANKTRANLIST></BANKTRANLIST>`, ''))).toEqual([
        { key: 'ofx:1:ACC-1', account: 'ACC-1', currency: 'EUR', location: `${location}, line 11` },
      ].map(asItem));
    });

    it('reports a response without a statement with its status, and a file without any statement', async () => {
      const text = withHeader(
        '<OFX><BANKMSGSRSV1><STMTTRNRS><TRNUID>1<STATUS><CODE>2000<SEVERITY>ERROR<MESSAGE>Account closed</STATUS></STMTTRNRS></BANKMSGSRSV1></OFX>',
      );
      expect(await parse(text)).toEqual([
        { kind: 'rejected', line: 11, location: 'STMTTRNRS 1 (OFX/BANKMSGSRSV1/STMTTRNRS)', reason: 'response without a statement; status: 2000 ERROR Account closed' },
        { kind: 'rejected', line: 0, location: 'OFX', reason: 'no bank or credit-card statement (STMTRS, CCSTMTRS) in the file' },
      ]);
    });

    it('names investment statements as not read', async () => {
      const text = withHeader('<OFX><INVSTMTMSGSRSV1><INVSTMTTRNRS><TRNUID>1<INVSTMTRS><DTASOF>20250331<CURDEF>USD</INVSTMTRS></INVSTMTTRNRS></INVSTMTMSGSRSV1></OFX>');
      expect(await parse(text)).toEqual([
        { kind: 'rejected', line: 11, location: 'OFX/INVSTMTMSGSRSV1/INVSTMTTRNRS/INVSTMTRS', reason: 'investment statement (INVSTMTRS): not read, only bank and credit-card statements are' },
        { kind: 'rejected', line: 0, location: 'OFX', reason: 'no bank or credit-card statement (STMTRS, CCSTMTRS) in the file' },
      ]);
    });
  });

  describe('damaged files', () => {
    it('reports an entry and a statement the end of a truncated file cuts off, after the entries it completed', async () => {
      const whole = fixture('bank-sgml-win1252.ofx').toString('latin1');
      const cut = Buffer.from(whole.slice(0, whole.indexOf('<NAME>FRAIS TENUE DE COMPTE', whole.indexOf('<TRNTYPE>FEE') + 60)), 'latin1');
      const items = (await parse(cut)) as { kind?: string; key?: string; statement?: { key: string } }[];
      expect(items.map((item) => item.key ?? item.statement?.key ?? item.kind)).toEqual(['25062000001', '25064000002', '25069000003', '00012345678:2025-03-31:-4.9:#1', 'rejected', 'rejected', 'ofx:1:00012345678']);
      expect(items.slice(4)).toEqual([
        { kind: 'rejected', line: 73, location: 'STMTTRN 5 (OFX/BANKMSGSRSV1/STMTTRNRS/STMTRS/BANKTRANLIST/STMTTRN[5])', reason: 'the file ends inside this STMTTRN' },
        { kind: 'rejected', line: 29, location: 'statement 1 (OFX/BANKMSGSRSV1/STMTTRNRS/STMTRS)', reason: 'the file ends inside this statement' },
        { key: 'ofx:1:00012345678', account: '00012345678', currency: 'EUR', location: 'statement 1 (OFX/BANKMSGSRSV1/STMTTRNRS/STMTRS), line 29' },
      ].map(asItem));
    });

    it('reports a file cut off inside a tag at its line, and what that leaves open', async () => {
      const text = withHeader('<OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS><CURDEF>EUR<BANKACCTFROM><ACCTID>A</BANKACCTFROM><BANKTRANLIST>\n<STMTTRN><TRNAMT>-1.00<FITID>F1\n<DTPOS');
      expect(await parse(text)).toEqual([
        { kind: 'rejected', line: 13, location: 'file', reason: 'the file ends inside a tag; the rest of the file was not read' },
        { kind: 'rejected', line: 12, location: 'STMTTRN 1 (OFX/BANKMSGSRSV1/STMTTRNRS/STMTRS/BANKTRANLIST/STMTTRN[1])', reason: 'the file ends inside this STMTTRN' },
        { kind: 'rejected', line: 11, location: 'statement 1 (OFX/BANKMSGSRSV1/STMTTRNRS/STMTRS)', reason: 'the file ends inside this statement' },
        { kind: 'statement', statement: { key: 'ofx:1:A', account: 'A', currency: 'EUR', location: 'statement 1 (OFX/BANKMSGSRSV1/STMTTRNRS/STMTRS), line 11' } },
      ]);
    });

    it('says so when the declared charset is unknown, and reads on with the configured encoding', async () => {
      const text = bankStatement('<CURDEF>EUR<BANKACCTFROM><ACCTID>A</BANKACCTFROM><BANKTRANLIST></BANKTRANLIST>', '').replace('CHARSET:NONE', 'CHARSET:EBCDIC-XYZ');
      expect((await parse(text, { encoding: 'latin1' }))[0]).toEqual({
        kind: 'rejected', line: 1, location: 'OFX header', reason: "header: charset 'EBCDIC-XYZ' is not supported; the file was read as latin1",
      });
    });
  });

  describe('encodings', () => {
    const body = '<OFX><CREDITCARDMSGSRSV1><CCSTMTTRNRS><CCSTMTRS><CURDEF>EUR<CCACCTFROM><ACCTID>C1</CCACCTFROM><BANKTRANLIST>'
      + '<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20250301<TRNAMT>-5.00<FITID>X<NAME>Crêperie Saint-Éloi €</STMTTRN></BANKTRANLIST></CCSTMTRS></CCSTMTTRNRS></CREDITCARDMSGSRSV1></OFX>';
    const counterparty = async (bytes: Buffer, options: Partial<StatementParseOptions> = {}) =>
      ((await parse(bytes, options, 3))[0] as { counterparty: string }).counterparty;

    it('uses the configured encoding where the header declares none, UTF-8 by default', async () => {
      expect(await counterparty(iconv.encode(withHeader(body), 'win1252'), { encoding: 'win1252' })).toBe('Crêperie Saint-Éloi €');
      expect(await counterparty(Buffer.from(withHeader(body), 'utf8'))).toBe('Crêperie Saint-Éloi €');
    });

    it('lets ENCODING:UTF-8 and a byte-order mark decide over CHARSET', async () => {
      const declared = withHeader(body, '1252').replace('ENCODING:USASCII', 'ENCODING:UTF-8');
      expect(await counterparty(Buffer.from(declared, 'utf8'))).toBe('Crêperie Saint-Éloi €');
      const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(withHeader(body, '1252'), 'utf8')]);
      expect(await counterparty(bom)).toBe('Crêperie Saint-Éloi €');
    });

    it('reads a file without a header that starts at <OFX>', async () => {
      expect(await counterparty(iconv.encode(`\r\n${body.replace(' €', '')}`, 'latin1'), { encoding: 'latin1' })).toBe('Crêperie Saint-Éloi');
    });
  });

  describe('streaming', () => {
    it('yields each record before the rest of a large file is read, and reads all of it', async () => {
      const entries = 5_000;
      let pulled = 0;
      let pulledAtFirstRecord: number | undefined;
      async function* input(): AsyncGenerator<Buffer> {
        const step = 500;
        pulled += 1;
        yield Buffer.from(withHeader('<OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS><CURDEF>EUR<BANKACCTFROM><ACCTID>BIG</BANKACCTFROM><BANKTRANLIST>\n'));
        for (let from = 0; from < entries; from += step) {
          const lines: string[] = [];
          for (let n = from; n < from + step; n += 1) lines.push(`<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20250331<TRNAMT>-1.00<FITID>T${n}</STMTTRN>\n`);
          pulled += 1;
          yield Buffer.from(lines.join(''));
        }
        pulled += 1;
        yield Buffer.from('</BANKTRANLIST><LEDGERBAL><BALAMT>-5000.00<DTASOF>20250331</LEDGERBAL></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>\n');
      }
      let records = 0;
      let last: SourceItem | undefined;
      for await (const item of ofxFormat.parse(input(), { sourceName: 'big' })) {
        if (item.kind === 'record') {
          records += 1;
          pulledAtFirstRecord ??= pulled;
          if (records === entries) expect(item.record).toMatchObject({ key: `T${entries - 1}`, line: 11 + entries });
        }
        last = item;
      }
      expect(records).toBe(entries);
      expect(pulledAtFirstRecord).toBe(2);
      expect(last?.kind === 'statement' && last.statement.closing?.amount.toFixed()).toBe('-5000');
    });
  });
});

/** Expected statement balances (written without `kind`) become statement items in plain form. */
function asItem(item: Record<string, unknown>): unknown {
  if ('side' in item || 'kind' in item) return item;
  return { kind: 'statement', statement: item };
}
