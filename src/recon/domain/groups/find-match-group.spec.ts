import { Decimal } from '../../../common/money/decimal.js';
import { ledger } from '../testing/ledger-candidate-builder.js';
import { minutesAfterBase } from '../testing/recon-record-builder.js';
import { findMatchGroup, groupReasonCode, type MatchGroupResult } from './find-match-group.js';
import { groupItemOfLedger, type GroupItem } from './group-item.js';

interface ItemSpec {
  key: string;
  amount: string;
  currency?: string;
  minutes?: number;
  groupId?: string;
}

const item = ({ key, amount, currency = 'USD', minutes = 0, groupId }: ItemSpec): GroupItem => ({
  key,
  amount: new Decimal(amount),
  currency,
  occurredAt: new Date(minutesAfterBase(minutes)),
  ...(groupId === undefined ? {} : { groupId }),
});
const target = (amount: string, extra: Partial<ItemSpec> = {}) => item({ key: 'target', amount, ...extra });
const pool = (...specs: Array<[string, string] | ItemSpec>) => specs.map((spec) => item(Array.isArray(spec) ? { key: spec[0], amount: spec[1] } : spec));

/** Keys only, so expectations read like the ledger: found A+B, or ambiguous [A+B, A+C]. */
function summary(result: MatchGroupResult<GroupItem>) {
  const keys = (members: readonly GroupItem[]) => members.map((member) => member.key).join('+');
  switch (result.kind) {
    case 'found':
      return { kind: 'found', members: keys(result.members), sum: result.sum.toFixed(2), diff: result.amountDiff.toFixed(2), capped: result.capped };
    case 'ambiguous':
      return { kind: 'ambiguous', groups: result.groups.map(keys), tied: result.tiedGroups, diff: result.amountDiff.toFixed(2), capped: result.capped };
    case 'none':
      return { kind: 'none', capped: result.capped };
  }
}

/** Deterministic shuffles (a linear congruential generator), so a failure reproduces. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const copy = [...items];
  let state = seed;
  for (let index = copy.length - 1; index > 0; index -= 1) {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    const other = state % (index + 1);
    [copy[index], copy[other]] = [copy[other], copy[index]];
  }
  return copy;
}

describe('findMatchGroup', () => {
  it('given a 100.00 payout and transfers of 30.00, 45.00, 70.00 and 12.34, it finds 30.00 + 70.00', () => {
    const result = findMatchGroup(target('100.00'), pool(['A', '30.00'], ['B', '45.00'], ['C', '70.00'], ['D', '12.34']));
    expect(summary(result)).toEqual({ kind: 'found', members: 'A+C', sum: '100.00', diff: '0.00', capped: false });
    expect(groupReasonCode(result)).toBe('matched_group');
  });

  it('prefers the closest sum, then the fewest members', () => {
    const closest = findMatchGroup(target('100.00'), pool(['A', '50.00'], ['B', '49.99'], ['C', '50.03']), { tolerance: { absolute: new Decimal('0.05') } });
    expect(summary(closest)).toMatchObject({ kind: 'found', members: 'A+B', diff: '0.01' });
    const fewest = findMatchGroup(target('100.00'), pool(['A', '60.00'], ['B', '40.00'], ['C', '20.00'], ['D', '20.00']));
    expect(summary(fewest)).toMatchObject({ kind: 'found', members: 'A+B' });
  });

  it('accepts a sum exactly at the tolerance (inclusive, decimal) and not a cent beyond', () => {
    const thirds = pool(['A', '33.33'], ['B', '33.33'], ['C', '33.33']);
    expect(summary(findMatchGroup(target('100.00'), thirds, { tolerance: { absolute: new Decimal('0.01') } }))).toEqual({
      kind: 'found',
      members: 'A+B+C',
      sum: '99.99',
      diff: '0.01',
      capped: false,
    });
    expect(summary(findMatchGroup(target('100.01'), thirds, { tolerance: { absolute: new Decimal('0.01') } }))).toEqual({ kind: 'none', capped: false });
  });

  it('takes a percentage tolerance of the target: 1% of 1000.00 accepts 600.00 + 395.00', () => {
    const result = findMatchGroup(target('1000.00'), pool(['A', '600.00'], ['B', '395.00']), { tolerance: { percent: new Decimal('1') } });
    expect(summary(result)).toMatchObject({ kind: 'found', members: 'A+B', diff: '5.00' });
  });

  it('finds nothing when no subset of up to maxItems sums within tolerance', () => {
    const result = findMatchGroup(target('100.00'), pool(['A', '10.00'], ['B', '20.00'], ['C', '25.00'], ['D', '30.00']));
    expect(summary(result)).toEqual({ kind: 'none', capped: false });
    expect(groupReasonCode(result)).toBe('no_candidate');
    const six = pool(...['A', 'B', 'C', 'D', 'E', 'F'].map((key): [string, string] => [key, '10.00']));
    expect(summary(findMatchGroup(target('60.00'), six))).toEqual({ kind: 'none', capped: false });
    expect(summary(findMatchGroup(target('60.00'), six, { maxItems: 6, poolMax: 10 }))).toMatchObject({ kind: 'found', members: 'A+B+C+D+E+F' });
  });

  it('reports two equally good groups as ambiguous, listed by key, instead of choosing one', () => {
    const result = findMatchGroup(target('100.00'), pool(['A', '40.00'], ['C', '60.00'], ['B', '60.00']));
    expect(summary(result)).toEqual({ kind: 'ambiguous', groups: ['A+B', 'A+C'], tied: 2, diff: '0.00', capped: false });
    expect(groupReasonCode(result)).toBe('ambiguous_group');
  });

  it('treats 99.99 and 100.01 as equally close to 100.00 (ambiguous), but not 99.99 against a 100.00 exact sum', () => {
    const tolerance = { absolute: new Decimal('0.01') };
    const result = findMatchGroup(target('100.00'), pool(['A', '60.00'], ['B', '39.99'], ['C', '40.01']), { tolerance });
    expect(summary(result)).toEqual({ kind: 'ambiguous', groups: ['A+B', 'A+C'], tied: 2, diff: '0.01', capped: false });
    expect(summary(findMatchGroup(target('100.00'), pool(['A', '50.00'], ['B', '49.99'], ['C', '50.00']), { tolerance }))).toMatchObject({
      kind: 'found',
      members: 'A+C',
    });
  });

  it('never mixes currencies: EUR items in a USD search are not used, and a GBP target finds nothing in a USD pool', () => {
    const mixed = pool({ key: 'A', amount: '60.00' }, { key: 'B', amount: '40.00', currency: 'EUR' }, { key: 'C', amount: '20.00' }, { key: 'D', amount: '20.00' });
    expect(summary(findMatchGroup(target('100.00'), mixed))).toMatchObject({ kind: 'found', members: 'A+C+D' });
    expect(summary(findMatchGroup(target('100.00', { currency: 'GBP' }), mixed))).toEqual({ kind: 'none', capped: false });
  });

  it('keeps members within one reference group, and only the target’s group when it has one', () => {
    const grouped = pool({ key: 'A', amount: '60.00', groupId: 'batch-1' }, { key: 'B', amount: '40.00', groupId: 'batch-2' }, { key: 'C', amount: '40.00', groupId: 'batch-1' }, { key: 'D', amount: '40.00' });
    expect(summary(findMatchGroup(target('100.00'), grouped))).toMatchObject({ kind: 'found', members: 'A+C' });
    expect(summary(findMatchGroup(target('80.00', { groupId: 'batch-2' }), grouped))).toEqual({ kind: 'none', capped: false });
    expect(summary(findMatchGroup(target('100.00', { groupId: 'batch-1' }), grouped))).toMatchObject({ kind: 'found', members: 'A+C' });
  });

  it('cuts a pool larger than poolMax to the items nearest in time and says so', () => {
    const near = Array.from({ length: 30 }, (_, n): ItemSpec => ({ key: `N${String(n).padStart(2, '0')}`, amount: '1.00', minutes: n }));
    const far: ItemSpec[] = [
      { key: 'F1', amount: '300.00', minutes: 1_000 },
      { key: 'F2', amount: '200.00', minutes: 1_001 },
    ];
    const cut = findMatchGroup(target('500.00'), pool(...near, ...far));
    expect(summary(cut)).toEqual({ kind: 'none', capped: true });
    expect(groupReasonCode(cut)).toBe('group_search_capped');
    expect(summary(findMatchGroup(target('500.00'), pool(...near.slice(0, 28), ...far)))).toMatchObject({ kind: 'found', members: 'F1+F2', capped: false });
    // Items larger than the target cannot be members, so they are dropped before the cut: not capped.
    expect(summary(findMatchGroup(target('2.00'), pool(...near, ...far)))).toMatchObject({ kind: 'ambiguous', tied: 435, capped: false });
  });

  it('gives the same result for the same items in any order', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
    const items = Array.from({ length: 40 }, (_, n) => item({ key: `L${n}`, amount: new Decimal(100 + Math.floor(random() * 90_000)).div(100).toFixed(2), minutes: Math.floor(random() * 600) }));
    const payout = target(items[3].amount.plus(items[11].amount).plus(items[17].amount).plus(items[29].amount).toFixed(2));
    const expected = summary(findMatchGroup(payout, items, { tolerance: { absolute: new Decimal('0.02') } }));
    expect(expected.kind).not.toBe('none');
    for (const shuffle of [1, 2, 3, 4, 5]) {
      expect(summary(findMatchGroup(payout, shuffled(items, shuffle), { tolerance: { absolute: new Decimal('0.02') } }))).toEqual(expected);
    }
  });

  it('bounds the work: the worst case, 30 equal items and a target of 5 of them, visits every 5-subset within the bound', () => {
    const equal = Array.from({ length: 30 }, (_, n) => item({ key: `E${String(n).padStart(2, '0')}`, amount: '10.00' }));
    const started = process.hrtime.bigint();
    const result = findMatchGroup(target('50.00'), shuffled(equal, 9));
    const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
    expect(summary(result)).toEqual({
      kind: 'ambiguous',
      groups: ['E00+E01+E02+E03+E04', 'E00+E01+E02+E03+E05', 'E00+E01+E02+E03+E06'],
      tied: 142_506, // C(30, 5)
      diff: '0.00',
      capped: false,
    });
    // Typically ~20 ms here; the generous bound only catches a lost bound (an exponential search).
    expect(elapsedMs).toBeLessThan(1_000);
  });

  it('refuses options whose worst case exceeds the subset budget', () => {
    expect(() => findMatchGroup(target('1.00'), [], { maxItems: 8 })).toThrow('maxItems: 8 members out of 30 candidates is more than 200000 subsets to search; lower maxItems or poolMax');
    expect(() => findMatchGroup(target('1.00'), [], { maxItems: 1 })).toThrow('maxItems: must be an integer of at least 2');
    expect(summary(findMatchGroup(target('1.00'), [], { maxItems: 10, poolMax: 15 }))).toEqual({ kind: 'none', capped: false });
  });

  it('works on ledger candidates (one external line against several transfers) and returns the caller’s objects', () => {
    const transfers = [
      groupItemOfLedger(ledger({ id: 't1', reference: 'PAYOUT-1', amount: '70.00' })),
      groupItemOfLedger(ledger({ id: 't2', reference: 'PAYOUT-2', amount: '30.00' })),
    ];
    const result = findMatchGroup(target('100.00'), transfers);
    expect(result.kind === 'found' && result.members.map((member) => member.candidate.reference)).toEqual(['PAYOUT-1', 'PAYOUT-2']);
  });
});
