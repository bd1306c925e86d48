import { internal, minutesAfterBase } from './testing/recon-record-builder.js';
import { indexByTime, nearestInTime, TimeOrderedList } from './time-ordered-list.js';

const at = (key: string, minutes: number) => internal({ key, at: minutesAfterBase(minutes) });
const center = Date.parse(minutesAfterBase(0));
const keysNear = (list: TimeOrderedList, windowMinutes: number, limit = 100) =>
  [...nearestInTime([list], center, windowMinutes * 60_000, limit)].map((record) => record.key);

describe('TimeOrderedList and nearestInTime', () => {
  const list = new TimeOrderedList([at('far-after', 61), at('after', 10), at('before', -5), at('edge', -60), at('same', 0)]);

  it('yields records within the window nearest first, the window edge included', () => {
    expect(keysNear(list, 60)).toEqual(['same', 'before', 'after', 'edge']);
  });

  it('stops at the limit', () => {
    expect(keysNear(list, 60, 2)).toEqual(['same', 'before']);
  });

  it('does not depend on input order (ties ordered by key)', () => {
    const records = [at('b', 1), at('a', 1), at('c', -1)];
    const forward = keysNear(new TimeOrderedList(records), 5);
    const backward = keysNear(new TimeOrderedList([...records].reverse()), 5);
    expect(forward).toEqual(backward);
  });

  it('merges several lists by distance', () => {
    const other = new TimeOrderedList([at('x', 3), at('y', -20)]);
    const keys = [...nearestInTime([list, other], center, 30 * 60_000, 10)].map((record) => record.key);
    expect(keys).toEqual(['same', 'x', 'before', 'after', 'y']);
  });

  it('indexByTime groups by key and leaves out undefined keys', () => {
    const index = indexByTime([at('a', 1), at('b', 2), at('c', 3)], (record) => (record.key === 'c' ? undefined : 'all'));
    expect(index.get('all')?.size).toBe(2);
    expect(index.size).toBe(1);
  });
});
