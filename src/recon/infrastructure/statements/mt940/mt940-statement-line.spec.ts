import { parseStatementLine } from './mt940-statement-line.js';

function value(...lines: string[]) {
  const parsed = parseStatementLine(lines);
  if ('problem' in parsed) throw new Error(parsed.problem);
  return { ...parsed.value, amount: parsed.value.amount.toFixed() };
}

describe('parseStatementLine', () => {
  it('reads every subfield: dates, mark, funds code, amount, type, both references, supplementary details', () => {
    expect(value('2503310401CR1234,56NTRFINV-42//BANKREF-0001', '/OCMT/EUR1234,56/')).toEqual({
      valueDate: '2025-03-31', bookingDate: '2025-04-01', direction: 'credit', amount: '1234.56', typeCode: 'NTRF',
      customerReference: 'INV-42', bankReference: 'BANKREF-0001', supplementary: '/OCMT/EUR1234,56/',
    });
  });

  it('takes the booking date from the value date when the entry date is missing', () => {
    expect(value('250331D10,NMSCNONREF')).toEqual({ valueDate: '2025-03-31', bookingDate: '2025-03-31', direction: 'debit', amount: '10', typeCode: 'NMSC' });
  });

  it('puts an entry date on the other side of a year end in the right year', () => {
    expect(value('2501021231C1,00NTRFNONREF').bookingDate).toBe('2024-12-31');
    expect(value('2412310102C1,00NTRFNONREF').bookingDate).toBe('2025-01-02');
    expect(value('2506300701C1,00NTRFNONREF').bookingDate).toBe('2025-07-01');
  });

  it('turns a reversal of a credit into a debit and a reversal of a debit into a credit, funds code or not', () => {
    expect(value('250331RC5,00NTRFNONREF')).toMatchObject({ direction: 'debit', reversal: 'RC', amount: '5' });
    expect(value('250331RDR5,00NTRFNONREF')).toMatchObject({ direction: 'credit', reversal: 'RD', amount: '5' });
    expect(value('250331DR5,00NTRFNONREF')).toMatchObject({ direction: 'debit', amount: '5' });
    expect(value('250331DR5,00NTRFNONREF').reversal).toBeUndefined();
  });

  it('treats NONREF and an empty bank reference as none', () => {
    const line = value('250331C5,00NTRFNONREF//NONREF', '   ');
    expect([line.customerReference, line.bankReference, line.supplementary]).toEqual([undefined, undefined, undefined]);
    expect(value('250331C5,00NTRFNONREF//B1').bankReference).toBe('B1');
  });

  it('says which subfield is wrong', () => {
    const problem = (text: string) => parseStatementLine([text]);
    expect(problem('25033C5,00NTRF')).toEqual({ problem: ':61: expected the value date YYMMDD first' });
    expect(problem('250331X5,00NTRF')).toEqual({ problem: ':61: expected the mark C, D, RC or RD after the value date (and optional entry date MMDD)' });
    expect(problem('250331C-5,00NTRF')).toEqual({ problem: ':61: expected the amount with a decimal comma (e.g. 1234,56) after the mark' });
    expect(problem('250331C5,00')).toEqual({ problem: ':61: expected a transaction type code (e.g. NTRF, NMSC) after the amount' });
  });
});
