import iconv from 'iconv-lite';
import { parsedItems, record } from './testing/camt-items.js';

const account = '<Acct><Id><IBAN>DE89370400440532013000</IBAN></Id><Ccy>EUR</Ccy></Acct>';
const path = 'Document/BkToCstmrStmt/Stmt[1]';

/** A camt.053.001.02 document on lines 1-2: the declaration, then everything else on line 2. */
function statement(body: string, header = `<Id>S1</Id>${account}`): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt><Stmt>${header}${body}</Stmt></BkToCstmrStmt></Document>`;
}

function entry(inner: string, { amount = '10.00', indicator = 'CRDT', status = '<Sts>BOOK</Sts>' } = {}): string {
  return `<Ntry><Amt Ccy="EUR">${amount}</Amt><CdtDbtInd>${indicator}</CdtDbtInd>${status}<BookgDt><Dt>2025-03-31</Dt></BookgDt>${inner}</Ntry>`;
}

function detail(inner: string): string {
  return `<TxDtls>${inner}</TxDtls>`;
}

const details = (...parts: string[]) => `<NtryDtls>${parts.join('')}</NtryDtls>`;
const txAmount = (amount: string, currency = 'EUR') => `<AmtDtls><TxAmt><Amt Ccy="${currency}">${amount}</Amt></TxAmt></AmtDtls>`;
const s1 = { kind: 'statement', statement: { key: 'S1', account: 'DE89370400440532013000', currency: 'EUR', location: path } };
const rejected = (reason: string, location = `entry 1 (${path}/Ntry[1])`) => ({ kind: 'rejected', line: 2, location, reason, raw: expect.any(String) });

describe('camt053Format entries', () => {
  it('lists every problem of a malformed entry at once', async () => {
    const body = '<Ntry><Amt Ccy="EUR">12,50</Amt><CdtDbtInd>CR</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>2025-02-30</Dt></BookgDt><AcctSvcrRef>X</AcctSvcrRef></Ntry>';
    expect(await parsedItems(statement(body))).toEqual([
      rejected("amount: '12,50' is not an unsigned decimal number; credit/debit indicator: 'CR' is neither CRDT nor DBIT; booking date: '2025-02-30' is not a calendar date"),
      s1,
    ]);
  });

  it('books entries without a status, and rejects every status but BOOK (both the .02 text and the .08 Sts/Cd form)', async () => {
    const body =
      entry('<AcctSvcrRef>A</AcctSvcrRef>', { status: '' }) +
      entry('<AcctSvcrRef>B</AcctSvcrRef>', { status: '<Sts><Cd>INFO</Cd></Sts>' }) +
      entry('<AcctSvcrRef>C</AcctSvcrRef>', { status: '<Sts>FUTR</Sts>' }) +
      entry('<AcctSvcrRef>D</AcctSvcrRef>', { status: '<Sts><Prtry>HOLD</Prtry></Sts>' });
    expect(await parsedItems(statement(body))).toEqual([
      record('A', 2, '10', 'credit', { statementKey: 'S1' }),
      rejected('information entry (status INFO), not booked', `entry 2 (${path}/Ntry[2])`),
      rejected('future entry (status FUTR), not booked', `entry 3 (${path}/Ntry[3])`),
      rejected('entry (status HOLD), not booked', `entry 4 (${path}/Ntry[4])`),
      s1,
    ]);
  });

  it('keeps the booked direction of a reversal and names the other party of the booking it reverses', async () => {
    // A returned outgoing transfer: money comes back (CRDT); the original was a debit, so the creditor is the other party.
    const parties = '<RltdPties><Dbtr><Nm>Tally Demo AG</Nm></Dbtr><Cdtr><Nm>Closed Account Ltd</Nm></Cdtr></RltdPties>';
    const body = entry(`<RvslInd>1</RvslInd><AcctSvcrRef>R1</AcctSvcrRef>${details(detail(parties))}`);
    expect(await parsedItems(statement(body))).toEqual([
      record('R1', 2, '10', 'credit', { counterparty: 'Closed Account Ltd', description: 'reversal', statementKey: 'S1' }),
      s1,
    ]);
  });

  it('rejects a batch when a detail has no amount in the entry currency, naming each', async () => {
    const body = entry(`<AcctSvcrRef>B1</AcctSvcrRef>${details(detail(txAmount('4.00')), detail(''), detail('<Amt Ccy="USD">6.50</Amt>'))}`);
    expect(await parsedItems(statement(body))).toEqual([
      rejected('detail 2 (NtryDtls[1]/TxDtls[2]) amount: none in EUR; detail 3 (NtryDtls[1]/TxDtls[3]) amount: none in EUR'),
      s1,
    ]);
  });

  it('rejects a single detail whose amount disagrees with the entry, and uses the entry amount when the detail has only a foreign one', async () => {
    const body =
      entry(`<AcctSvcrRef>D1</AcctSvcrRef>${details(detail(txAmount('9.5')))}`) +
      entry(`${details(detail(`<Refs><AcctSvcrRef>TX-2</AcctSvcrRef></Refs><Amt Ccy="USD">11.02</Amt>`))}`);
    expect(await parsedItems(statement(body))).toEqual([
      rejected('the detail amounts to 9.50 EUR, but the entry amount is 10.00 EUR'),
      // No Ntry/AcctSvcrRef: the only detail's Refs/AcctSvcrRef is the id.
      record('TX-2', 2, '10', 'credit', { statementKey: 'S1' }),
      s1,
    ]);
  });

  it('rejects only the detail of a batch that statementEntryItem refuses, at the detail path', async () => {
    const long = `<RmtInf>${'<Ustrd>' + 'x'.repeat(140) + '</Ustrd>'}${'<Ustrd>' + 'y'.repeat(140) + '</Ustrd>'}</RmtInf>`;
    const body = entry(`<AcctSvcrRef>B2</AcctSvcrRef>${details(detail(txAmount('4.00') + '<RmtInf><Ustrd>ok</Ustrd></RmtInf>'), detail(txAmount('6.00') + long))}`);
    expect(await parsedItems(statement(body))).toEqual([
      record('B2/1', 2, '4', 'credit', { reference: 'ok', groupId: 'B2', statementKey: 'S1' }),
      rejected('reference: longer than 255 characters', `entry 1 (${path}/Ntry[1]/NtryDtls[1]/TxDtls[2])`),
      s1,
    ]);
  });

  it('reads CDATA and entities in text, and joins Ustrd lines with a space', async () => {
    const body = entry(`<AcctSvcrRef>C1</AcctSvcrRef>${details(detail('<RmtInf><Ustrd><![CDATA[INV <1>]]></Ustrd><Ustrd>M&#252;ller &amp; S&#246;hne</Ustrd></RmtInf>'))}`);
    expect(await parsedItems(statement(body))).toEqual([record('C1', 2, '10', 'credit', { reference: 'INV <1> Müller & Söhne', statementKey: 'S1' }), s1]);
  });

  it('derives different ids for id-less entries with different references and counts identical ones', async () => {
    const remittance = (text: string) => details(detail(`<RmtInf><Ustrd>${text}</Ustrd></RmtInf>`));
    const body = entry(remittance('A')) + entry(remittance('B')) + entry(remittance('A'));
    const items = (await parsedItems(statement(body))) as { record?: { key: string } }[];
    expect(items.slice(0, 3).map((item) => item.record?.key)).toEqual([
      'DE89370400440532013000/2025-03-31/10.00/559aead08264/1',
      'DE89370400440532013000/2025-03-31/10.00/df7e70e50215/1',
      'DE89370400440532013000/2025-03-31/10.00/559aead08264/2',
    ]);
  });
});

describe('camt053Format statements', () => {
  const balance = (code: string, amount: string, indicator: string, date: string, currency = 'EUR') =>
    `<Bal><Tp><CdOrPrtry><Cd>${code}</Cd></CdOrPrtry></Tp><Amt Ccy="${currency}">${amount}</Amt>${indicator}<Dt>${date}</Dt></Bal>`;

  it('rejects a malformed balance on its own and keeps the statement with the balances that could be read', async () => {
    const header =
      `<Id>S1</Id>${account}` +
      balance('OPBD', '100.00', '<CdtDbtInd>DBIT</CdtDbtInd>', '<Dt>2025-03-31</Dt>') +
      balance('CLBD', '90.00', '', '<Dt>31.03.2025</Dt>') +
      balance('CLBD', '90.00', '<CdtDbtInd>CRDT</CdtDbtInd>', '<Dt>2025-03-31</Dt>', 'USD');
    expect(await parsedItems(statement('', header))).toEqual([
      { kind: 'rejected', line: 2, location: `${path}/Bal[2]`, reason: "closing balance (CLBD): credit/debit indicator: missing; date: '31.03.2025' is not a calendar date", raw: expect.any(String) },
      { kind: 'rejected', line: 2, location: `${path}/Bal[3]`, reason: 'closing balance (CLBD): currency: USD, but the account is in EUR', raw: expect.any(String) },
      { kind: 'statement', statement: { ...s1.statement, opening: { amount: '-100', date: '2025-03-31' } } },
    ]);
  });

  it('rejects a statement header without an account or a currency, keeps its entries, and falls back to the default currency', async () => {
    const body = '<Ntry><Amt>5.00</Amt><CdtDbtInd>DBIT</CdtDbtInd><BookgDt><Dt>2025-03-31</Dt></BookgDt><AcctSvcrRef>N1</AcctSvcrRef></Ntry>';
    const header = '<Acct><Svcr><FinInstnId><BIC>COBADEFFXXX</BIC></FinInstnId></Svcr></Acct>';
    // No Stmt/Id: the statement's path is its key.
    const withoutDefault = [
      { kind: 'rejected', line: 2, location: `entry 1 (${path}/Ntry[1])`, reason: 'currency: missing (set defaultCurrency on the source when the file does not say)', raw: expect.any(String) },
      {
        kind: 'rejected', line: 2, location: path, raw: expect.any(String),
        reason: `statement ${path}: account: missing (no Acct/Id/IBAN or Acct/Id/Othr/Id); currency: missing (no Acct/Ccy, no balance currency, no defaultCurrency on the source)`,
      },
    ];
    expect(await parsedItems(statement(body, header))).toEqual(withoutDefault);
    expect(await parsedItems(statement(body, header), undefined, 'CHF')).toEqual([
      record('N1', 2, '5', 'debit', { currency: 'CHF', statementKey: path }),
      { kind: 'rejected', line: 2, location: path, raw: expect.any(String), reason: `statement ${path}: account: missing (no Acct/Id/IBAN or Acct/Id/Othr/Id)` },
    ]);
  });
});

describe('camt053Format encodings and broken files', () => {
  const booked = entry('<AcctSvcrRef>E1</AcctSvcrRef><AddtlNtryInf>Gebühr € 5</AddtlNtryInf>');

  it('decodes windows-1252 and UTF-16 (with a BOM), and reads a document without a namespace', async () => {
    const expected = [record('E1', 2, '10', 'credit', { description: 'Gebühr € 5', statementKey: 'S1' }), s1];
    const cp1252 = statement(booked).replace('encoding="UTF-8"', 'encoding="windows-1252"');
    expect(await parsedItems(iconv.encode(cp1252, 'win1252'))).toEqual(expected);
    const utf16 = statement(booked).replace('encoding="UTF-8"', 'encoding="UTF-16"');
    expect(await parsedItems(iconv.encode(utf16, 'utf-16le', { addBOM: true }), 3)).toEqual(expected);
    expect(await parsedItems(statement(booked).replace(' xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"', ''))).toEqual(expected);
  });

  it('counts lines of whitespace before the XML declaration', async () => {
    const items = (await parsedItems(`\r\n\n  ${statement(booked)}`)) as { record?: { line: number } }[];
    expect(items[0].record?.line).toBe(4);
  });

  it('reports an encoding it cannot decode instead of guessing', async () => {
    expect(await parsedItems(statement(booked).replace('encoding="UTF-8"', 'encoding="x-mac-klingon"'))).toEqual([
      { kind: 'rejected', line: 1, location: 'XML declaration', reason: "encoding 'x-mac-klingon' is not supported; nothing in the file is read" },
    ]);
  });

  it('reports a file cut off in the middle of an entry or of a header at the open element', async () => {
    const complete = statement(booked + entry('<AcctSvcrRef>E2</AcctSvcrRef>'));
    const inEntry = complete.slice(0, complete.indexOf('E2'));
    expect(await parsedItems(inEntry)).toEqual([
      record('E1', 2, '10', 'credit', { description: 'Gebühr € 5', statementKey: 'S1' }),
      { kind: 'rejected', line: 2, location: `entry 2 (${path}/Ntry[2])`, reason: `the XML breaks at line 2, column ${inEntry.length - inEntry.indexOf('\n') - 1}: unclosed tag: AcctSvcrRef; nothing after it is read` },
    ]);
    const inHeader = complete.slice(0, complete.indexOf('<Ccy>'));
    expect(await parsedItems(inHeader)).toEqual([
      { kind: 'rejected', line: 2, location: `${path}/Acct`, reason: `the XML breaks at line 2, column ${inHeader.length - inHeader.indexOf('\n') - 1}: unclosed tag: Acct; nothing after it is read` },
    ]);
  });
});
