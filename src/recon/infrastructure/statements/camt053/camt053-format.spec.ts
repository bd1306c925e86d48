import { DomainError } from '../../../../common/errors/domain-error.js';
import { camt053Format } from './camt053-format.js';
import { chunked, fixture, parsedItems, record } from './testing/camt-items.js';

const rejected = (line: number, location: string, reason: string) => ({ kind: 'rejected', line, location, reason, raw: expect.any(String) });

describe('camt053Format on bank files', () => {
  it('reads a camt.053.001.02 statement: single entries, a batch booking, a reversal, a pending entry, a batch that does not add up, entries without ids', async () => {
    const statementKey = 'STMT-2025-03-31-001';
    const batch = { valueDate: '2025-03-31', description: 'SAMMLER-UEBERWEISUNG 3 POSTEN', groupId: '2025033100002', statementKey };
    const fee = { valueDate: '2025-03-31', description: 'Kontofuehrungsgebuehr', statementKey };
    expect(await parsedItems(fixture('camt053-v02-batch.xml'))).toEqual([
      record('2025033100001', 87, '1250', 'credit', {
        reference: 'INV-1001 Rechnung März', valueDate: '2025-03-31', endToEndId: 'E2E-INV-1001',
        counterparty: 'Muster GmbH (DE02120300000000202051)', description: 'SEPA Credit Transfer', statementKey,
      }),
      record('2025033100002/1', 139, '1200', 'debit', { ...batch, reference: 'PO-2001', endToEndId: 'PAY-2001', counterparty: 'Lieferant Eins KG (DE75512108001245126199)' }),
      // EndToEndId NOTPROVIDED is no id; the structured creditor reference is the reference.
      record('2025033100002/2', 139, '1500', 'debit', { ...batch, reference: 'RF18539007547034', counterparty: 'Lieferant Zwei GmbH' }),
      record('2025033100002/3', 139, '750', 'debit', { ...batch, reference: 'PO-2003', endToEndId: 'PAY-2003', counterparty: 'Büro & Bedarf e.K.' }),
      // A returned direct debit: DBIT with RvslInd is money out; the other party is the debtor of the original collection.
      record('2025033100003', 230, '89.9', 'debit', {
        reference: 'Mitgliedsbeitrag 2025-03', valueDate: '2025-03-28', endToEndId: 'DD-778',
        counterparty: 'Erika Mustermann (DE12500105170648489890)', description: 'reversal; RUECKLASTSCHRIFT', statementKey,
      }),
      rejected(273, 'entry 4 (Document/BkToCstmrStmt/Stmt[1]/Ntry[4])', 'pending entry (status PDNG), not booked'),
      rejected(283, 'entry 5 (Document/BkToCstmrStmt/Stmt[1]/Ntry[5])', 'the 2 details sum to 250.00 EUR, but the entry amount is 300.00 EUR'),
      // No AcctSvcrRef, no NtryRef: account/booking date/signed amount/digest of the (empty) reference/occurrence.
      record('DE89370400440532013000/2025-03-31/-12.50/e3b0c44298fc/1', 314, '12.5', 'debit', fee),
      record('DE89370400440532013000/2025-03-31/-12.50/e3b0c44298fc/2', 326, '12.5', 'debit', fee),
      {
        kind: 'statement',
        statement: {
          key: statementKey, account: 'DE89370400440532013000', currency: 'EUR', location: 'Document/BkToCstmrStmt/Stmt[1]',
          // OPBD wins over the PRCD given before it; CLAV is not a closing booked balance.
          opening: { amount: '10000', date: '2025-03-31' }, closing: { amount: '7385.1', date: '2025-03-31' },
        },
      },
    ]);
  });

  it('reads camt.053.001.08 with prefixed element names, Sts/Cd, DtTm dates, foreign-currency entries and two statements', async () => {
    const chf = '20250331-CHF-1';
    const usd = '20250331-USD-1';
    const card = { currency: 'USD', valueDate: '2025-04-02', groupId: 'ZKB-USD-0001', statementKey: usd };
    expect(await parsedItems(fixture('camt053-v08-multicurrency.xml'))).toEqual([
      // Instructed in USD, booked in CHF: the amount is the CHF TxAmt that the entry states.
      record('ZKB-8841-0001', 12, '4617.35', 'credit', {
        currency: 'CHF', reference: 'Invoice 2025-0331 /USD 5000.00', valueDate: '2025-04-01', endToEndId: 'ACME-PO-77812',
        counterparty: 'Acme Corp (123456789)', description: 'Zahlungseingang Ausland', statementKey: chf,
      }),
      // An entry in EUR on the CHF account keeps its own currency.
      record('ZKB-8841-0002', 33, '1000', 'debit', {
        reference: 'FAC-2025-118', valueDate: '2025-03-31', endToEndId: 'TALLY-OUT-5521',
        counterparty: 'Fournisseur SARL (FR1420041010050500013M02606)', statementKey: chf,
      }),
      rejected(49, 'entry 3 (Document/BkToCstmrStmt/Stmt[1]/Ntry[3])', 'pending entry (status PDNG), not booked'),
      {
        kind: 'statement',
        statement: {
          key: chf, account: 'CH9300762011623852957', currency: 'CHF', location: 'Document/BkToCstmrStmt/Stmt[1]',
          opening: { amount: '25000', date: '2025-03-31' }, closing: { amount: '28658.95', date: '2025-03-31' },
        },
      },
      // A netted card settlement: 2600 in, 100 refunded, booked as one 2500 credit.
      record('ZKB-USD-0001/1', 63, '2600', 'credit', { ...card, reference: 'CARD SALES 2025-03-30' }),
      record('ZKB-USD-0001/2', 63, '100', 'debit', { ...card, reference: 'CARD REFUNDS 2025-03-30' }),
      {
        kind: 'statement',
        statement: {
          // No Acct/Ccy: the balances' currency; PRCD as the opening; an overdrawn (DBIT) balance is negative.
          key: usd, account: '0012345678-USD', currency: 'USD', location: 'Document/BkToCstmrStmt/Stmt[2]',
          opening: { amount: '-2000', date: '2025-03-30' }, closing: { amount: '500', date: '2025-03-31' },
        },
      },
    ]);
  });

  it('decodes an ISO-8859-1 file with CR LF line ends, and reports the balances as given even when they do not add up', async () => {
    const statementKey = 'KA-2025-089';
    expect(await parsedItems(fixture('camt053-v04-latin1-balance-break.xml'))).toEqual([
      record('RB-0331-0001', 42, '320', 'credit', {
        reference: 'Miete März Top 4', valueDate: '2025-03-31', endToEndId: 'MIETE-2025-03',
        counterparty: 'Jürgen Größ', description: 'Gutschrift Überweisung', statementKey,
      }),
      record('RB-0331-0002', 70, '45', 'debit', {
        reference: 'Bewirtung Kundentermin', valueDate: '2025-03-31', counterparty: 'Café Müller', description: 'Bankomat-Zahlung', statementKey,
      }),
      {
        kind: 'statement',
        statement: {
          // 1000 + 320 - 45 = 1275, the bank says 1300: the shared balance checker reports that, not the parser.
          key: statementKey, account: 'AT611904300234573201', currency: 'EUR', location: 'Document/BkToCstmrStmt/Stmt[1]',
          opening: { amount: '1000', date: '2025-03-31' }, closing: { amount: '1300', date: '2025-03-31' },
        },
      },
    ]);
  });

  it('reads camt.054 notifications: NtryRef as id under the notification key, no balances, a repeated Id made unique', async () => {
    expect(await parsedItems(fixture('camt054-v04-notification.xml'))).toEqual([
      record('NTF-20250331-01/1', 17, '99.95', 'credit', {
        reference: 'Order 55120', valueDate: '2025-03-31', endToEndId: 'WEB-ORDER-55120',
        counterparty: 'J. de Vries (NL02RABO0123456789)', statementKey: 'NTF-20250331-01',
      }),
      rejected(49, 'entry 2 (Document/BkToCstmrDbtCdtNtfctn/Ntfctn[1]/Ntry[2])', 'pending entry (status PDNG), not booked'),
      { kind: 'statement', statement: { key: 'NTF-20250331-01', account: 'NL91ABNA0417164300', currency: 'EUR', location: 'Document/BkToCstmrDbtCdtNtfctn/Ntfctn[1]' } },
      record('0331-RB-77', 67, '250', 'credit', { reference: 'Order 55121', endToEndId: 'WEB-ORDER-55121', statementKey: 'NTF-20250331-01#2' }),
      { kind: 'statement', statement: { key: 'NTF-20250331-01#2', account: 'NL39RABO0300065264', currency: 'EUR', location: 'Document/BkToCstmrDbtCdtNtfctn/Ntfctn[2]' } },
    ]);
  });

  it('keeps the entries before XML that breaks and reports the break with the parser position and message', async () => {
    expect(await parsedItems(fixture('camt053-v03-broken.xml'))).toEqual([
      record('BRK-1', 16, '10', 'credit', { statementKey: 'STMT-BROKEN-1' }),
      {
        kind: 'rejected', line: 26, location: 'entry 2 (Document/BkToCstmrStmt/Stmt[1]/Ntry[2])',
        reason: 'the XML breaks at line 26, column 35: unexpected close tag; nothing after it is read',
      },
    ]);
  });

  it('gives the same items whatever the chunk size (chunks split tags, entities and multi-byte characters)', async () => {
    for (const name of ['camt053-v02-batch.xml', 'camt053-v04-latin1-balance-break.xml', 'camt053-v08-multicurrency.xml', 'camt053-v03-broken.xml']) {
      const bytes = fixture(name);
      const whole = await parsedItems(bytes);
      for (const size of [1, 7, 4096, 4097]) expect({ name, size, items: await parsedItems(bytes, size) }).toEqual({ name, size, items: whole });
    }
  });

  it('keeps a rejected entry as compact XML in raw', async () => {
    const items = (await parsedItems(fixture('camt053-v08-multicurrency.xml'))) as { kind: string; raw?: string }[];
    expect(items[2].raw).toBe(
      '<Ntry><NtryRef>3</NtryRef><Amt Ccy="CHF">80.00</Amt><CdtDbtInd>DBIT</CdtDbtInd><Sts><Cd>PDNG</Cd></Sts>' +
        '<BookgDt><Dt>2025-04-01</Dt></BookgDt><AcctSvcrRef>ZKB-8841-0003</AcctSvcrRef></Ntry>',
    );
    const batch = (await parsedItems(fixture('camt053-v02-batch.xml'))) as { kind: string; raw?: string }[];
    expect(batch[6].raw).toBe(
      '<Ntry><Amt Ccy="EUR">300.00</Amt><CdtDbtInd>DBIT</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>2025-03-31</Dt></BookgDt>' +
        '<AcctSvcrRef>2025033100005</AcctSvcrRef><NtryDtls><TxDtls><Refs><EndToEndId>SAL-1</EndToEndId></Refs><AmtDtls><TxAmt>' +
        '<Amt Ccy="EUR">100.00</Amt></TxAmt></AmtDtls></TxDtls><TxDtls><Refs><EndToEndId>SAL-2</EndToEndId></Refs><AmtDtls><TxAmt>' +
        '<Amt Ccy="EUR">150.00</Amt></TxAmt></AmtDtls></TxDtls></NtryDtls></Ntry>',
    );
  });

  it('yields the first record before the input is read to the end (streaming)', async () => {
    let chunksRead = 0;
    async function* endless(): AsyncGenerator<Buffer> {
      yield Buffer.from('<?xml version="1.0"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt><Stmt><Id>S</Id><Acct><Id><IBAN>DE89370400440532013000</IBAN></Id><Ccy>EUR</Ccy></Acct>');
      for (let n = 1; ; n += 1) {
        chunksRead += 1;
        yield Buffer.from(`<Ntry><Amt Ccy="EUR">1.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>2025-03-31</Dt></BookgDt><AcctSvcrRef>R${n}</AcctSvcrRef></Ntry>`);
      }
    }
    const keys: string[] = [];
    for await (const item of camt053Format.parse(endless(), { sourceName: 'bank_camt' })) {
      if (item.kind === 'record') keys.push(item.record.key);
      if (keys.length === 3) break;
    }
    expect(keys).toEqual(['R1', 'R2', 'R3']);
    // The 4 KiB head read for the encoding holds about 30 entries; nothing beyond what the three records need is read after it.
    expect(chunksRead).toBeLessThan(40);
  });
});

describe('camt053Format refusing other files', () => {
  const mismatch = async (input: Buffer | string): Promise<DomainError> => {
    const bytes = typeof input === 'string' ? Buffer.from(input, 'utf8') : input;
    const items: unknown[] = [];
    try {
      for await (const item of camt053Format.parse(chunked(bytes), { sourceName: 'bank_camt' })) items.push(item);
    } catch (error) {
      expect(items).toEqual([]);
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toBe('RECON_FORMAT_MISMATCH');
      return error as DomainError;
    }
    throw new Error('no DomainError');
  };

  it('refuses a pain.001, a CSV, a camt.052, random bytes and an empty file before yielding anything', async () => {
    expect((await mismatch(fixture('pain001-not-camt.xml'))).message).toBe(
      'bank_camt: not a camt.053/054 file: the message is <CstmrCdtTrfInitn>, not a camt.053 <BkToCstmrStmt> or camt.054 <BkToCstmrDbtCdtNtfctn>',
    );
    expect((await mismatch('booking_date,amount,currency\n2025-03-31,12.50,EUR\n')).message).toBe(
      "bank_camt: not a camt.053/054 file: not XML (the first character is not '<')",
    );
    expect((await mismatch('<?xml version="1.0"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.052.001.02"><BkToCstmrAcctRpt/></Document>')).message).toBe(
      'bank_camt: not a camt.053/054 file: the message is <BkToCstmrAcctRpt>, not a camt.053 <BkToCstmrStmt> or camt.054 <BkToCstmrDbtCdtNtfctn>',
    );
    expect((await mismatch('<?xml version="1.0"?><OFX><BANKMSGSRSV1/></OFX>')).message).toBe(
      'bank_camt: not a camt.053/054 file: the root element is <OFX>, not an ISO 20022 <Document>',
    );
    await mismatch(Buffer.from([0x00, 0x9f, 0xff, 0x13, 0x37, 0x42, 0x00, 0x01]));
    expect((await mismatch('<?xml version="1.0"?>\n<Document>\n</Documnt>')).message).toBe(
      'bank_camt: not a camt.053/054 file: not well-formed XML before the message element (line 3, column 10: unexpected close tag)',
    );
    expect((await mismatch('<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"/>')).message).toBe(
      'bank_camt: not a camt.053/054 file: the <Document> has no message element',
    );
    expect((await mismatch('')).message).toBe('bank_camt: not a camt.053/054 file: the file is empty');
    expect((await mismatch('  \n')).message).toBe(
      'bank_camt: not a camt.053/054 file: not well-formed XML before the message element (line 2, column 0: document must contain a root element)',
    );
  });

  it('sniffs camt.053 and camt.054 heads (with a BOM, leading whitespace, any prefix) and nothing else', () => {
    expect(camt053Format.sniff(fixture('camt053-v02-batch.xml').subarray(0, 4096))).toBe(true);
    expect(camt053Format.sniff(fixture('camt053-v08-multicurrency.xml').subarray(0, 300))).toBe(true);
    expect(camt053Format.sniff(fixture('camt054-v04-notification.xml'))).toBe(true);
    expect(camt053Format.sniff(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('\r\n  <Document><BkToCstmrStmt>')]))).toBe(true);
    expect(camt053Format.sniff(fixture('pain001-not-camt.xml'))).toBe(false);
    expect(camt053Format.sniff(Buffer.from('booking_date,amount\n2025-03-31,1.00\n'))).toBe(false);
    expect(camt053Format.sniff(Buffer.from(':20:STARTUMSE\r\n:25:10020030/1234567\r\n'))).toBe(false);
    expect(camt053Format.sniff(Buffer.from('OFXHEADER:100\nDATA:OFXSGML\n<OFX>'))).toBe(false);
    expect(camt053Format.sniff(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(false);
    // Only the root: the message element is not in the head yet.
    expect(camt053Format.sniff(Buffer.from('<?xml version="1.0"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">'))).toBe(false);
  });
});
