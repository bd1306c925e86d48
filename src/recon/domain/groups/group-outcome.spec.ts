import { Decimal } from '../../../common/money/decimal.js';
import { ambiguousGroupsListedMax } from '../limits.js';
import type { ReconSide } from '../recon-record.js';
import { minutesAfterBase } from '../testing/recon-record-builder.js';
import { decideGroup, groupRecord, type GroupOutcome } from './group-outcome.js';
import { parseGroupSettings } from './group-settings.js';

const on = parseGroupSettings({ enabled: true }, 'groups');
const record = (side: ReconSide, key: string, amount: string, { reference = '', currency = 'USD', minutes = 0 } = {}) =>
  groupRecord(side, key, reference, amount, currency, new Date(minutesAfterBase(minutes)));
const transfer = (key: string, amount: string, reference: string, extra: { currency?: string; minutes?: number } = {}) => record('internal', key, amount, { reference, ...extra });
const keys = (outcome: GroupOutcome) => (outcome.kind === 'grouped' ? outcome.members.map((member) => member.key) : []);

describe('decideGroup', () => {
  it('groups a 150.00 line with the transfers of 50 + 40 + 60 and says so in the reviewer’s words', () => {
    const line = record('external', 'BNK-1', '150.00');
    const outcome = decideGroup(line, [transfer('t3', '60.00', 'INV-3'), transfer('t1', '50.00', 'INV-1'), transfer('t2', '40.00', 'INV-2'), transfer('t4', '75.00', 'INV-4')], on, false);
    expect(outcome).toMatchObject({ kind: 'grouped', reason: 'group of external record BNK-1: 3 ledger transfers INV-2 40.00 + INV-1 50.00 + INV-3 60.00, sum 150.00 = 150.00 USD' });
    expect(keys(outcome)).toEqual(['t1', 't2', 't3']);
  });

  it('names a group of lines for a transfer, and a sum within tolerance by how far off it is', () => {
    const settlement = transfer('t1', '100.00', 'SETTLE-9');
    const tolerant = parseGroupSettings({ enabled: true, tolerance: { absolute: '0.05' } }, 'groups');
    const outcome = decideGroup(settlement, [record('external', 'B-2', '69.98'), record('external', 'B-3', '30.00')], tolerant, false);
    expect(outcome).toMatchObject({
      kind: 'grouped',
      reason: 'group of ledger transfer SETTLE-9: 2 external records B-3 30.00 + B-2 69.98, sum 99.98 (0.02 off, within tolerance) vs 100.00 USD',
    });
    expect(outcome.kind === 'grouped' && outcome.amountDiff.toFixed(2)).toBe('0.02');
    expect(decideGroup(settlement, [record('external', 'B-2', '69.98'), record('external', 'B-3', '30.00')], on, false)).toEqual({ kind: 'none' });
  });

  it('reports equally good groups as ambiguous_group, listing at most ambiguousGroupsListedMax of them', () => {
    const line = record('external', 'BNK-2', '100.00');
    const pool = [transfer('a', '40.00', 'A'), ...['b', 'c', 'd', 'e', 'f'].map((key) => transfer(key, '60.00', key.toUpperCase()))];
    const outcome = decideGroup(line, pool, on, false);
    expect(ambiguousGroupsListedMax).toBe(3);
    expect(outcome).toEqual({
      kind: 'unmatched',
      code: 'ambiguous_group',
      reason: '5 groups of ledger transfers fit external record BNK-2 100.00 USD equally (difference 0.00): A 40.00 + B 60.00; A 40.00 + C 60.00; A 40.00 + D 60.00 (5 in all, first 3 listed); none was chosen',
    });
  });

  it('never mixes currencies: EUR transfers do not complete a USD line', () => {
    const line = record('external', 'BNK-3', '90.00');
    expect(decideGroup(line, [transfer('a', '50.00', 'A'), transfer('b', '40.00', 'B', { currency: 'EUR' })], on, false)).toEqual({ kind: 'none' });
    expect(keys(decideGroup(line, [transfer('a', '50.00', 'A'), transfer('b', '40.00', 'B', { currency: 'EUR' }), transfer('c', '40.00', 'C')], on, false))).toEqual(['a', 'c']);
  });

  it('says group_search_capped when nothing was found in a pool that was cut, here or before the search', () => {
    const line = record('external', 'BNK-4', '100.00');
    const small = parseGroupSettings({ enabled: true, pool_max: 3 }, 'groups');
    const nearFirst = [transfer('a', '10.00', 'A', { minutes: 1 }), transfer('b', '20.00', 'B', { minutes: 2 }), transfer('c', '30.00', 'C', { minutes: 3 }), transfer('d', '70.00', 'D', { minutes: 30 })];
    const expected = { kind: 'unmatched', code: 'group_search_capped', reason: 'no group of up to 5 ledger transfers sums to external record BNK-4 100.00 USD among the 3 nearest in time; more candidates were not searched' };
    expect(decideGroup(line, nearFirst, small, false)).toEqual(expected);
    expect(decideGroup(line, nearFirst.slice(0, 3), small, true)).toEqual(expected);
    expect(decideGroup(line, nearFirst.slice(0, 3), small, false)).toEqual({ kind: 'none' });
  });

  it('is deterministic: the pool in any order gives the same outcome', () => {
    const line = record('external', 'BNK-5', '125.00');
    const pool = ['25.00', '50.00', '75.00', '100.00', '12.50', '37.50'].map((amount, index) => transfer(`k${index}`, amount, `R${index}`, { minutes: index }));
    const first = decideGroup(line, pool, on, false);
    for (const order of [[...pool].reverse(), [pool[3], pool[0], pool[5], pool[1], pool[4], pool[2]]]) {
      expect(decideGroup(line, order, on, false)).toEqual(first);
    }
  });
});
