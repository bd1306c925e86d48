import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ReconRecord } from '../../domain/recon-record.js';
import type { ColumnMapping, SourceItem } from '../../domain/recon-source.js';
import { settleRepeatedIds } from '../../domain/repeated-ids.js';
import { CsvSource, readCsv } from './csv-source.js';

/**
 * One fixture per real-world dialect (test/fixtures/csv-dialects), each read by configuration alone; the
 * mappings are the ones docs/formats/csv.md shows.
 */
const fixture = (name: string) => join(process.cwd(), 'test/fixtures/csv-dialects', name);
const day = { businessDate: '2025-07-13', windowMinutes: 60 };

/**
 * Records as plain JSON (amounts as strings, instants as ISO) so each can be compared whole; keyBase, the
 * numbering aid of content ids, is left out (repeated-ids.spec checks it).
 */
function plain(item: SourceItem): unknown {
  if (item.kind !== 'record') return item;
  const { amount, occurredAt, keyBase: _keyBase, ...rest } = item.record as ReconRecord;
  return { ...rest, amount: amount.toFixed(), occurredAt: occurredAt.toISOString() };
}

async function readFixture(name: string, mapping: ColumnMapping): Promise<unknown[]> {
  const items: unknown[] = [];
  // Repeated ids settled as a job or a preview settles them, so content ids carry their occurrence.
  for await (const item of settleRepeatedIds(new CsvSource(mapping, 'dialect').read({ ...day, filePath: fixture(name) }))) if (item.kind !== 'dialect') items.push(plain(item));
  return items;
}

const external = { side: 'external' } as const;
const dateOnly = (date: string) => ({ timePrecision: 'date', bookingDate: date, occurredAt: `${date}T00:00:00.000Z` });

describe('CSV dialects', () => {
  it('reads config/recon-sources.json bank_csv with data/bank_dump.csv exactly as before', async () => {
    const config = JSON.parse(await readFile(join(process.cwd(), 'config/recon-sources.json'), 'utf8'));
    const items: unknown[] = [];
    const source = new CsvSource(config.bank_csv.options.mapping, 'bank_csv');
    for await (const item of source.read({ ...day, filePath: join(process.cwd(), 'data/bank_dump.csv') })) if (item.kind !== 'dialect') items.push(plain(item));
    expect(items).toEqual([
      { ...external, key: 'BNK-0001', reference: 'TXN-1001', amount: '1250', currency: 'USD', occurredAt: '2025-07-13T09:15:00.000Z', line: 2 },
      { ...external, key: 'BNK-0002', reference: 'TXN-1002', amount: '89.99', currency: 'USD', occurredAt: '2025-07-13T11:42:10.000Z', line: 3 },
      { ...external, key: 'BNK-0003', reference: 'TXN-1003', amount: '420', currency: 'USD', occurredAt: '2025-07-13T14:03:00.000Z', line: 4 },
    ]);
  });

  it('French PayPal-like export: comma delimiter, quoted decimal commas, no-break-space thousands, date/time/zone columns, signed gross', async () => {
    const items = await readFixture('paypal-fr.csv', {
      id: 'Numéro de transaction',
      reference: "Titre de l'objet",
      amount: 'Avant commission',
      currency: 'Devise',
      date: 'Date',
      time: 'Heure',
      timeZoneColumn: 'Fuseau horaire',
      datePattern: 'dd/MM/yyyy',
      decimalSeparator: ',',
      signConvention: 'negative_is_debit',
      counterparty: 'Nom',
      description: 'Type',
    });
    const common = { ...external, description: 'Paiement reçu', direction: 'credit' };
    expect(items).toEqual([
      {
        ...common,
        key: '7AB12345CD6789012',
        reference: 'Commande 4471',
        amount: '2026.41',
        currency: 'EUR',
        direction: 'debit',
        description: 'Paiement express',
        counterparty: 'Boulangerie Martin',
        occurredAt: '2025-07-13T07:15:02.000Z',
        line: 2,
      },
      { ...common, key: '8CD23456EF7890123', reference: 'Facture 2025-118', amount: '1250', currency: 'USD', counterparty: 'Jane Smith', occurredAt: '2025-07-13T08:20:00.000Z', line: 3 },
      { ...common, key: '9EF34567GH8901234', reference: '', amount: '89.99', currency: 'GBP', counterparty: 'Hans Müller', occurredAt: '2025-07-13T21:30:00.000Z', line: 4 },
      // Another day is still a record: the engine reports it out_of_period for a job of 2025-07-13.
      { ...external, key: '1GH45678IJ9012345', reference: 'Livres', amount: '15', currency: 'EUR', direction: 'debit', counterparty: 'Librairie Dupont', description: 'Paiement express', occurredAt: '2025-07-12T06:00:00.000Z', line: 5 },
      {
        kind: 'rejected',
        line: 6,
        reason: 'expected 12 columns as in the header, found 13 (is a decimal comma unquoted?)',
        raw: '"13/07/2025","11:00:00","Europe/Paris","Café du Coin","Paiement express","Terminé","EUR",-3,50,"0,00","-3,50","2IJ56789KL0123456","Petit déjeuner"',
      },
      {
        kind: 'rejected',
        line: 7,
        reason: "timeZoneColumn (column 'Fuseau horaire'): 'Mars/Olympus' is not a time zone (expected e.g. Europe/Paris, CET or +01:00)",
        raw: '"13/07/2025","12:00:00","Mars/Olympus","Atelier Roux","Paiement reçu","Terminé","EUR","40,00","-1,20","38,80","3JK67890LM1234567","Atelier"',
      },
    ]);
  });

  it('tells what it detected before the records: encoding, delimiter, header line and the mapped columns', async () => {
    const mapping: ColumnMapping = { id: 'Referentie', reference: 'Omschrijving', amount: 'Bedrag', currency: 'Valutacode', date: 'Transactiedatum', datePattern: 'dd-MM-yyyy', decimalSeparator: ',' };
    const first = await new CsvSource(mapping, 'knab')
      .read({ ...day, filePath: fixture('knab-nl.csv') })
      [Symbol.asyncIterator]()
      .next();
    expect(first.value).toEqual({
      kind: 'dialect',
      dialect: {
        format: 'csv', encoding: 'utf-8 (a line that is not valid UTF-8: windows-1252)', delimiter: ';', delimiter_detected: true, header_line: 2, decimal_separator: ',',
        columns: ['id <- Referentie', 'reference <- Omschrijving', 'amount <- Bedrag', 'currency <- Valutacode', 'date <- Transactiedatum'],
      },
    });
  });

  it('Dutch bank CSV: preamble line, detected ;, unsigned amounts with an Af/Bij column, dd-MM-yyyy, value dates', async () => {
    const items = await readFixture('knab-nl.csv', {
      id: 'Referentie',
      reference: 'Omschrijving',
      amount: 'Bedrag',
      currency: 'Valutacode',
      date: 'Transactiedatum',
      datePattern: 'dd-MM-yyyy',
      valueDate: 'Valutadatum',
      direction: 'CreditDebet',
      creditValues: ['Bij'],
      debitValues: ['Af'],
      signConvention: 'direction_column',
      decimalSeparator: ',',
      counterparty: 'Tegenrekeninghouder',
    });
    const common = { ...external, currency: 'EUR', ...dateOnly('2025-07-13') };
    expect(items).toEqual([
      { ...common, key: 'C5G13XY00012345', reference: 'Boodschappen week 28', amount: '827.75', direction: 'debit', valueDate: '2025-07-13', counterparty: 'Albert Heijn BV', line: 3 },
      { ...common, key: 'C5G13XY00012346', reference: 'Salaris juli 2025', amount: '2500', direction: 'credit', valueDate: '2025-07-14', counterparty: 'Werkgever BV', line: 4 },
      { ...common, key: 'C5G13XY00012347', reference: 'Factuur 2025-077', amount: '1234.56', direction: 'credit', valueDate: '2025-07-13', counterparty: 'Klant de Boer', line: 5 },
      { ...common, ...dateOnly('2025-07-14'), key: 'C5G13XY00012348', reference: 'Boodschappen', amount: '10', direction: 'debit', valueDate: '2025-07-14', counterparty: 'Albert Heijn BV', line: 6 },
      {
        kind: 'rejected',
        line: 7,
        reason: "direction (column 'CreditDebet'): 'Onbekend' is not a direction (expected BIJ or AF)",
        raw: 'NL12KNAB0123456789;13-07-2025;EUR;Onbekend;5,00;NL91ABNA0417164300;Albert Heijn BV;13-07-2025;Statiegeld;C5G13XY00012349',
      },
    ]);
  });

  it('Dutch ISO-8859-1 file with CR CR LF line ends, signed +50,00 and a broken opening quote in one row', async () => {
    const items = await readFixture('nl-latin1-crcrlf.csv', {
      id: 'Transactie-ID',
      reference: 'Mededelingen',
      amount: 'Bedrag',
      date: 'Datum',
      datePattern: 'yyyyMMdd',
      counterparty: 'Naam initiërende partij',
      defaultCurrency: 'EUR',
      signConvention: 'negative_is_debit',
      decimalSeparator: ',',
      encoding: 'latin1',
    });
    const common = { ...external, currency: 'EUR', ...dateOnly('2025-07-13') };
    expect(items).toEqual([
      { ...common, key: 'TX-9001', reference: 'Terugbetaling', amount: '50', direction: 'credit', counterparty: 'Café Zoë', line: 2 },
      {
        kind: 'rejected',
        line: 3,
        reason:
          'an opening quote in column 2 is never closed (the lines after it do not continue a quoted field); the line is rejected and reading resumes on the next line',
        raw: '20250713;"Jürgen Bäcker;-12,50;Brood;TX-9002',
      },
      // Lines 4-5: a quoted line break; the record keeps its first line and CR CR LF counts once.
      { ...common, key: 'TX-9003', reference: 'Koffie\nmet melk', amount: '7.25', direction: 'debit', counterparty: 'Crème & Co', line: 4 },
      { ...common, key: 'TX-9004', reference: 'Belasting', amount: '120', direction: 'debit', counterparty: 'Gemeente Delft', line: 6 },
    ]);
  });

  const ukCard: ColumnMapping = {
    reference: 'Description',
    amount: 'Amount',
    date: 'Transaction Date',
    datePattern: 'dd/MM/yyyy',
    valueDate: 'Posted Date',
    direction: '#5',
    creditValues: ['CR'],
    debitValues: [''],
    signConvention: 'direction_column',
    defaultCurrency: 'GBP',
    description: 'Category',
  };

  it('UK card CSV: UTF-8 BOM, £ amounts, a Pending row, content ids, the credit flag under an empty header', async () => {
    const items = await readFixture('uk-card-bom.csv', ukCard);
    const common = { ...external, currency: 'GBP', ...dateOnly('2025-07-13') };
    const tesco = { ...common, reference: 'TESCO STORES 2041', amount: '45.2', direction: 'debit', valueDate: '2025-07-14', description: 'Groceries' };
    expect(items).toEqual([
      // Two identical purchases on one day: two movements, told apart by their occurrence.
      { ...tesco, key: 'd47751a8a041a3262af9:1', line: 2 },
      { ...tesco, key: 'd47751a8a041a3262af9:2', line: 3 },
      {
        ...common,
        key: '1b35272465a6004b91ff:1',
        reference: 'PAYMENT RECEIVED - THANK YOU',
        amount: '1500',
        direction: 'credit',
        valueDate: '2025-07-15',
        description: 'Payment',
        line: 4,
      },
      {
        kind: 'rejected',
        line: 5,
        reason: "date (column 'Transaction Date'): 'Pending' is not a date (expected dd/MM/yyyy); pending transactions are not booked yet",
        raw: 'Pending,,AMAZON.CO.UK*AB12C,£12.99,,Shopping',
      },
      { ...common, key: '457a3563f984fbfdfc97:1', reference: 'PRET A MANGER', amount: '4.75', direction: 'debit', valueDate: '2025-07-13', description: 'Eating out', line: 6 },
    ]);
  });

  it('gives the same content ids to the same rows in an overlapping export, whatever their formatting', async () => {
    // A later export of the same day: its rows again (one amount written without the symbol, LF line ends), one row fewer.
    const overlapping = [
      'Transaction Date,Posted Date,Description,Amount,,Category',
      '13/07/2025,14/07/2025,TESCO STORES 2041,£45.20,,Groceries',
      '13/07/2025,14/07/2025,TESCO STORES 2041,45.20,,Groceries',
      '13/07/2025,13/07/2025,PRET A MANGER,£4.75,,Eating out',
      '',
    ].join('\n');
    const keys: string[] = [];
    for await (const item of settleRepeatedIds(readCsv([overlapping], ukCard, day))) if (item.kind === 'record') keys.push(item.record.key);
    expect(keys).toEqual(['d47751a8a041a3262af9:1', 'd47751a8a041a3262af9:2', '457a3563f984fbfdfc97:1']);
  });

  it('Stripe-like balance export: UTC timestamps, amounts with a point, signed refunds, the fee column ignored', async () => {
    const items = await readFixture('stripe-balance.csv', {
      id: 'id',
      reference: 'Description',
      amount: 'Amount',
      currency: 'Currency',
      timestamp: 'Created (UTC)',
      datePattern: 'yyyy-MM-dd HH:mm',
      signConvention: 'negative_is_debit',
      endToEndId: 'Source',
      description: 'Type',
    });
    expect(items).toEqual([
      {
        ...external,
        key: 'txn_3PaB1cL2eZvKYlo20k1Q2w3E',
        reference: 'Order #1042',
        amount: '120',
        currency: 'EUR',
        direction: 'credit',
        description: 'charge',
        endToEndId: 'ch_3PaB1cL2eZvKYlo21a2b3c4d',
        occurredAt: '2025-07-13T09:15:00.000Z',
        line: 2,
      },
      {
        ...external,
        key: 'txn_3PaB1cL2eZvKYlo20k1Q2w3F',
        reference: 'REFUND FOR ORDER #1038',
        amount: '20',
        currency: 'EUR',
        direction: 'debit',
        description: 'refund',
        endToEndId: 're_3PaB1cL2eZvKYlo21e5f6g7h',
        occurredAt: '2025-07-13T17:45:00.000Z',
        line: 3,
      },
      {
        ...external,
        key: 'txn_3PaB1cL2eZvKYlo20k1Q2w3G',
        reference: 'Order #1043',
        amount: '1499',
        currency: 'USD',
        direction: 'credit',
        description: 'charge',
        endToEndId: 'ch_3PaB1cL2eZvKYlo21i8j9k0l',
        occurredAt: '2025-07-13T23:59:00.000Z',
        line: 4,
      },
      {
        ...external,
        key: 'txn_3PaB1cL2eZvKYlo20k1Q2w3H',
        reference: 'Order #1044',
        amount: '15',
        currency: 'EUR',
        direction: 'credit',
        description: 'charge',
        endToEndId: 'ch_3PaB1cL2eZvKYlo21m1n2o3p',
        occurredAt: '2025-07-14T02:10:00.000Z',
        line: 5,
      },
    ]);
  });

  it('Windows-1252 text with €, typographic quotes and dashes; | detected; parentheses for a negative', async () => {
    const items = await readFixture('cp1252-euro.csv', {
      id: 'Kenmerk',
      reference: 'Omschrijving',
      amount: 'Bedrag',
      date: 'Datum',
      datePattern: 'dd.MM.yyyy',
      decimalSeparator: ',',
      defaultCurrency: 'EUR',
      signConvention: 'negative_is_debit',
      encoding: 'win1252',
    });
    const common = { ...external, currency: 'EUR', ...dateOnly('2025-07-13') };
    expect(items).toEqual([
      { ...common, key: 'K-1', reference: 'Huur kantoor – juli', amount: '1250', direction: 'credit', line: 2 },
      { ...common, key: 'K-2', reference: 'Koffie “De Zwarte Boon”', amount: '3.4', direction: 'credit', line: 3 },
      { ...common, key: 'K-3', reference: 'Terugboeking', amount: '15', direction: 'debit', line: 4 },
    ]);
  });
});
