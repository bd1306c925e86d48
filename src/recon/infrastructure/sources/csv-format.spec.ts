import { ValidationFailed } from '../../../common/errors/domain-error.js';
import type { ColumnMapping } from '../../domain/recon-source.js';
import { resolveCsvFormat } from './csv-format.js';

const base: ColumnMapping = { id: 'id', reference: 'ref', amount: 'amount', currency: 'currency', timestamp: 'when' };
const path = 'sources.bank_knab.options.mapping';
const attempt = (overrides: Record<string, unknown>) => () => resolveCsvFormat({ ...base, ...overrides } as ColumnMapping, path);

describe('resolveCsvFormat', () => {
  it('keeps the old defaults: detected delimiter, decimal point, iso, UTC, absolute, id column', () => {
    const format = resolveCsvFormat(base);
    expect(format).toMatchObject({ delimiter: undefined, decimalSeparator: '.', encoding: undefined, header: true, skipLines: 0, signConvention: 'absolute', idStrategy: 'column' });
    expect(format.dates).toEqual({ kind: 'dateFormat', format: 'iso' });
    expect(format.timeZone.name).toBe('UTC');
  });

  it('reads patterns: a pattern without a time part is date-only, a time column makes it a time', () => {
    expect(resolveCsvFormat({ ...base, timestamp: undefined, date: 'd', datePattern: 'dd-MMM-yyyy' }).dates).toEqual({
      kind: 'pattern',
      pattern: 'dd-MMM-yyyy',
      dateOnly: true,
      timePatterns: ['H:mm:ss', 'H:mm'],
    });
    expect(resolveCsvFormat({ ...base, timestamp: undefined, date: 'd', time: 't', timePattern: 'HH.mm' }).dates).toEqual({
      kind: 'pattern',
      pattern: 'yyyy-MM-dd',
      dateOnly: false,
      timePatterns: ['HH.mm'],
    });
    expect(resolveCsvFormat({ ...base, datePattern: 'M/d/yyyy h:mm a' }).dates).toMatchObject({ dateOnly: false });
  });

  it('takes content ids when there is no id column, and positions for columns', () => {
    const format = resolveCsvFormat({ ...base, id: undefined, amount: '#4', header: false, reference: '#2', currency: '#3', timestamp: '#1' });
    expect(format.idStrategy).toBe('content');
    expect(format.columns).toEqual([
      ['reference', { position: 2 }],
      ['amount', { position: 4 }],
      ['currency', { position: 3 }],
      ['timestamp', { position: 1 }],
    ]);
  });

  it.each([
    [{ datePattern: 'qq' }, "datePattern: 'qq' is not a luxon date pattern with a year, month and day (e.g. dd-MM-yyyy)"],
    [{ datePattern: 'yyyy-MM' }, "datePattern: 'yyyy-MM' is not a luxon date pattern with a year, month and day (e.g. dd-MM-yyyy)"],
    [{ dateFormat: 'MM/DD/YYYY' }, 'dateFormat: must be one of iso, YYYY-MM-DD HH:mm:ss, DD/MM/YYYY HH:mm, epoch_ms (or use datePattern)'],
    [{ dateFormat: 'iso', datePattern: 'yyyy' }, 'dateFormat: give dateFormat or datePattern, not both'],
    [{ timeZone: 'Europe/Atlantis' }, "timeZone: 'Europe/Atlantis' is not an IANA time zone (e.g. Europe/Amsterdam)"],
    [{ timezone: 'Europe/Paris' }, "timezone: only 'UTC' is accepted here; use timeZone for another zone"],
    [{ encoding: 'klingon' }, "encoding: must be an encoding iconv-lite knows, e.g. 'utf-8', 'latin1' or 'win1252'"],
    [{ delimiter: ';;' }, 'delimiter: must be one character other than a quote or newline'],
    [{ decimalSeparator: ' ' }, "decimalSeparator: must be '.' or ','"],
    [{ skipLines: -1 }, 'skipLines: must be an integer between 0 and 1000'],
    [{ header: 'yes' }, 'header: must be true or false'],
    [{ header: false }, 'id: must name the column by position ("#3") when header is false'],
    [{ amount: '#0' }, 'amount: a column position must be between #1 and #256'],
    [{ amount: ' ' }, 'amount: must name a column (a header name, or "#3" for the third column)'],
    [{ amount: undefined }, 'amount: must name a column (or give debitAmount and creditAmount)'],
    [{ debitAmount: 'Af' }, 'amount: must be omitted when debitAmount and creditAmount are given'],
    [{ amount: undefined, debitAmount: 'Af' }, 'creditAmount: must name a column when debitAmount does'],
    [{ id: undefined, idStrategy: 'column' }, "id: must name a column (or set idStrategy 'content')"],
    [{ idStrategy: 'content' }, "id: must be omitted when idStrategy is 'content'"],
    [{ timestamp: undefined }, 'timestamp: exactly one of timestamp and date must name a column'],
    [{ date: 'd' }, 'date: exactly one of timestamp and date must name a column'],
    [{ time: 't' }, 'time: needs a date column'],
    [{ timestamp: undefined, date: 'd', dateFormat: 'iso' }, 'dateFormat: applies to a timestamp column; use datePattern with date'],
    [{ timestamp: undefined, date: 'd', time: 't', datePattern: 'yyyy-MM-dd HH:mm' }, 'datePattern: must not have a time part when time names a column'],
    [{ timestamp: undefined, date: 'd', time: 't', timePattern: 'yyyy' }, "timePattern: 'yyyy' is not a luxon time pattern with hours and minutes (e.g. HH:mm:ss)"],
    [{ valueDatePattern: 'HH:mm' }, "valueDatePattern: 'HH:mm' is not a luxon date pattern with a year, month and day and no time"],
    [{ signConvention: 'direction_column' }, "direction: is required when signConvention is 'direction_column'"],
    [{ creditValues: [] }, 'creditValues: must be a non-empty list of words, e.g. ["Bij"] (or [""] for an empty cell)'],
    [{ creditValues: ['Bij'], debitValues: ['BIJ'] }, "debitValues: 'BIJ' is also a credit value"],
    [{ currency: undefined }, 'currency: must name a column unless defaultCurrency is set'],
    [{ defaultCurrency: 'euro' }, 'defaultCurrency: must be a 3-letter ISO 4217 code'],
  ])('refuses %p naming the source and the field', (overrides, message) => {
    expect(attempt(overrides)).toThrow(ValidationFailed);
    expect(attempt(overrides)).toThrow(`${path}.${message}`);
  });

  it('ignores a direction column unless signConvention is direction_column, as before', () => {
    expect(resolveCsvFormat({ ...base, direction: 'dc' }).columns.map(([field]) => field)).toEqual(['id', 'reference', 'amount', 'currency', 'timestamp']);
    expect(resolveCsvFormat({ ...base, direction: 'dc', signConvention: 'direction_column' }).columns.map(([field]) => field)).toContain('direction');
  });

  it('no longer ties the delimiter to the decimal separator (quoted decimal commas are fine)', () => {
    expect(resolveCsvFormat({ ...base, delimiter: ',', decimalSeparator: ',' })).toMatchObject({ delimiter: ',', decimalSeparator: ',' });
  });
});
