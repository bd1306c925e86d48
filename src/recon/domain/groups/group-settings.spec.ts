import { Decimal } from '../../../common/money/decimal.js';
import { groupsOff, parseGroupSettings } from './group-settings.js';

const parse = (raw: unknown) => parseGroupSettings(raw, 'sources.bank.groups');
const problem = (raw: unknown) => {
  try {
    parse(raw);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected a refusal');
};

describe('parseGroupSettings', () => {
  it('is off when the source says nothing, and on with the defaults (5 of 30, exact sums) when only enabled', () => {
    expect(parse(undefined)).toBe(groupsOff);
    expect(groupsOff.enabled).toBe(false);
    const on = parse({ enabled: true });
    expect({ ...on, tolerance: on.tolerance.absolute?.toFixed() }).toEqual({ enabled: true, name: 'group', maxItems: 5, poolMax: 30, tolerance: '0' });
  });

  it('reads every setting', () => {
    const settings = parse({ enabled: true, name: 'payout_batch', max_items: 3, pool_max: 12, tolerance: { absolute: '0.02', percent: '0.5' } });
    expect(settings).toMatchObject({ enabled: true, name: 'payout_batch', maxItems: 3, poolMax: 12 });
    expect(settings.tolerance.absolute).toEqual(new Decimal('0.02'));
    expect(settings.tolerance.percent).toEqual(new Decimal('0.5'));
  });

  it('refuses what it cannot honour, naming the setting', () => {
    expect(problem({ enabled: 'yes' })).toMatch(/sources\.bank\.groups\.enabled: must be true or false/);
    expect(problem({ enabled: true, max_itemz: 3 })).toMatch(/sources\.bank\.groups\.max_itemz: is not a group setting/);
    expect(problem({ enabled: true, max_items: 1 })).toMatch(/max_items: must be an integer of at least 2/);
    expect(problem({ enabled: true, pool_max: 2.5 })).toMatch(/pool_max: must be an integer of at least 2/);
    expect(problem({ enabled: true, max_items: 8 })).toMatch(/8 members out of 30 candidates is more than 200000 subsets/);
    expect(problem({ enabled: true, tolerance: {} })).toMatch(/tolerance: needs absolute/);
    expect(problem({ enabled: true, name: 'Batch' })).toMatch(/name: must be lowercase/);
    expect(problem([])).toMatch(/must be an object/);
  });
});
