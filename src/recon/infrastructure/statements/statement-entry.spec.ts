import { Decimal } from '../../../common/money/decimal.js';
import { statementEntryItem } from './statement-entry.js';

const complete = {
  id: 'A1', reference: 'INV-1', amount: new Decimal('-12.30'), currency: 'EUR', bookingDate: '2025-03-31', valueDate: '2025-04-01', groupId: 'A1',
};

describe('statementEntryItem', () => {
  it('turns a signed amount into an unsigned one with its direction, at date precision', () => {
    const item = statementEntryItem(complete, { line: 7 });
    expect(item.kind).toBe('record');
    if (item.kind !== 'record') return;
    expect(item.record).toMatchObject({ key: 'A1', reference: 'INV-1', currency: 'EUR', direction: 'debit', timePrecision: 'date', bookingDate: '2025-03-31', valueDate: '2025-04-01', groupId: 'A1', line: 7 });
    expect(item.record.amount.toFixed()).toBe('12.3');
    expect(item.record.occurredAt.toISOString()).toBe('2025-03-31T00:00:00.000Z');
  });

  it('lists every problem at once with the position', () => {
    const item = statementEntryItem({ amount: new Decimal('5'), direction: 'debit', currency: 'eur', bookingDate: '2025-02-30' }, { line: 0, location: 'entry 3' });
    expect(item).toEqual({
      kind: 'rejected', line: 0, location: 'entry 3', raw: undefined,
      reason: "id: missing; currency: 'eur' is not an ISO 4217 code; booking date: '2025-02-30' is not a calendar date",
    });
  });

  it('refuses a signed amount that also states a direction', () => {
    const item = statementEntryItem({ ...complete, direction: 'credit' }, { line: 2 });
    expect(item.kind === 'rejected' && item.reason).toBe('amount: signed although the entry states its direction');
  });
});
