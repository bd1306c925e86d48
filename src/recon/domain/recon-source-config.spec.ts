import { Decimal } from '../../common/money/decimal.js';
import { parseSourceEntries, type ReconSourceConfig } from './recon-source-config.js';

/** Every entry's config, or the first entry's problem thrown. */
function parseSourceConfigs(json: unknown): ReconSourceConfig[] {
  return parseSourceEntries(json).map((entry) => {
    if ('problem' in entry) throw entry.error;
    return entry.config;
  });
}

describe('source config rules', () => {
  it('reads a source’s ordered rules, and leaves them out when the source states none', () => {
    const [withRules, withoutRules] = parseSourceConfigs({
      bank: { type: 'csv', rules: [{ name: 'same_reference', kind: 'tolerance', amount: { percent: '1' }, max_date_lag_days: 2 }] },
      psp: { type: 'api' },
    });
    expect(withRules.rules).toEqual([{ name: 'same_reference', kind: 'tolerance', amount: { percent: new Decimal('1') }, maxDateLagDays: 2 }]);
    expect('rules' in withoutRules).toBe(false);
  });

  it('names the source, the rule and the setting in an error', () => {
    const rules = [
      { name: 'fuzzy', kind: 'fuzzy', amount: { absolute: '0.05' }, time_window_minutes: 60 },
      { name: 'loose', kind: 'tolerance', amount: { percent: '25' }, max_date_lag_days: 1 },
    ];
    expect(() => parseSourceConfigs({ bank: { type: 'csv', rules } })).toThrow('sources.bank.rules[1].amount.percent: must be at most 10');
  });
});

describe('source config groups', () => {
  it('reads a source’s match-group settings, and leaves them out (off) when the source states none', () => {
    const [withGroups, withoutGroups] = parseSourceConfigs({
      bank: { type: 'csv', groups: { enabled: true, max_items: 3, tolerance: { absolute: '0.01' } } },
      plain: { type: 'csv' },
    });
    expect(withGroups.groups).toEqual({ enabled: true, name: 'group', maxItems: 3, poolMax: 30, tolerance: { absolute: new Decimal('0.01') } });
    expect('groups' in withoutGroups).toBe(false);
  });

  it('names a bad group setting with its source', () => {
    expect(() => parseSourceConfigs({ bank: { type: 'csv', groups: { enabled: true, pool_max: 1 } } })).toThrow('sources.bank.groups.pool_max: must be an integer of at least 2');
  });
});
