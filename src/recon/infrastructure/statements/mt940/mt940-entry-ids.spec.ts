import { Decimal } from '../../../../common/money/decimal.js';
import { keyLengthMax } from '../../../domain/limits.js';
import { DerivedEntryIds } from './mt940-entry-ids.js';

describe('DerivedEntryIds', () => {
  const parts = { account: 'DE89370400440532013000', bookingDate: '2025-03-31', amount: new Decimal('12.50'), direction: 'debit' as const, reference: 'R-1' };

  it('numbers identical entries and gives the same ids to a second reading', () => {
    const ids = new DerivedEntryIds();
    expect([ids.next(parts), ids.next(parts), ids.next({ ...parts, direction: 'credit' })]).toEqual([
      'DE89370400440532013000/2025-03-31/-12.5/R-1/1',
      'DE89370400440532013000/2025-03-31/-12.5/R-1/2',
      'DE89370400440532013000/2025-03-31/12.5/R-1/1',
    ]);
    expect(new DerivedEntryIds().next(parts)).toBe('DE89370400440532013000/2025-03-31/-12.5/R-1/1');
  });

  it('hashes an id that would exceed the key limit, still stable and still numbered', () => {
    const long = { ...parts, reference: 'X'.repeat(120) };
    const [first, second] = [new DerivedEntryIds(), new DerivedEntryIds()].map((ids) => ids.next(long));
    expect(first).toMatch(/^mt940:[0-9a-f]{40}$/);
    expect(first).toBe(second);
    const ids = new DerivedEntryIds();
    ids.next(long);
    expect(ids.next(long)).not.toBe(first);
    expect(first.length).toBeLessThanOrEqual(keyLengthMax);
  });
});
