import { parseInformation } from './mt940-information.js';

describe('parseInformation', () => {
  it('joins DK subfields cut anywhere across lines, and keyword values that run on across ?2x subfields', () => {
    expect(
      parseInformation([
        '166?00SEPA-GUTSCHRIFT?109310?20EREF+INV-2025-0042?21SVWZ+Rechnung 42 vom 0',
        '1.03?22.2025?30COBADEFFXXX?31DE12500105170648489890?32Max Muster',
        'mann?33 & Co?34997',
      ]),
    ).toEqual({
      endToEndId: 'INV-2025-0042',
      description: 'Rechnung 42 vom 01.03.2025',
      counterparty: 'Max Mustermann & Co (DE12500105170648489890)',
    });
  });

  it('joins ?2x lines without keywords with spaces, and falls back to the posting text ?00', () => {
    expect(parseInformation(['008?00DAUERAUFTRAG?20Miete?21Wohnung 3 OG?32Vermieter GbR'])).toEqual({ description: 'Miete Wohnung 3 OG', counterparty: 'Vermieter GbR' });
    expect(parseInformation(['805?00ABSCHLUSS?31DE12500105170648489890'])).toEqual({ description: 'ABSCHLUSS', counterparty: 'DE12500105170648489890' });
  });

  it('ignores EREF+NOTPROVIDED, keeps KREF+, and names the ultimate party ABWA+ only when ?32 is missing', () => {
    expect(parseInformation(['171?20EREF+NOTPROVIDED?21KREF+BATCH-7?22ABWA+Tochter GmbH?32Mutter AG'])).toEqual({
      customerReference: 'BATCH-7', counterparty: 'Mutter AG',
    });
    expect(parseInformation(['171?20EREF+E-1?21ABWA+Tochter GmbH'])).toEqual({ endToEndId: 'E-1', counterparty: 'Tochter GmbH' });
  });

  it('reads SEPA keywords and free text from unstructured lines, joining a line cut at 65 characters without a space', () => {
    expect(parseInformation(['EREF+E2E-1 MREF+M-9 SVWZ+Beitrag Q1'])).toEqual({ endToEndId: 'E2E-1', description: 'Beitrag Q1' });
    const cut = 'Payment for order 4711 and 4712 from the web shop, thanks a lot a';
    expect(cut).toHaveLength(65);
    expect(parseInformation([cut, 'nd see you soon', 'Customer 77'])).toEqual({
      description: 'Payment for order 4711 and 4712 from the web shop, thanks a lot and see you soon Customer 77',
    });
  });
});
