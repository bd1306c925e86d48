import { CurrencySet, isoCurrencyCodes, minorUnitsOf } from './currency.js';

describe('CurrencySet', () => {
  it('enables every ISO 4217 code with a minor unit by default', () => {
    const all = CurrencySet.fromList(undefined);
    expect(all.has('USD') && all.has('JPY') && all.has('KWD')).toBe(true);
    expect(all.has('XAU')).toBe(false);
    expect(isoCurrencyCodes.length).toBeGreaterThan(150);
  });

  it('restricts to LEDGER_CURRENCIES and names the field when refusing', () => {
    const some = CurrencySet.fromList('USD,EUR');
    expect(some.require('EUR')).toBe('EUR');
    expect(() => some.require('GBP')).toThrow('currency: GBP is not an enabled currency');
    expect(() => some.require('usd')).toThrow(/uppercase ISO 4217/);
  });

  it('refuses a configuration naming unknown codes', () => {
    expect(() => CurrencySet.fromList('USD,ABC')).toThrow(/ABC/);
  });

  it('knows the minor units the ledger depends on', () => {
    expect([minorUnitsOf('USD'), minorUnitsOf('JPY'), minorUnitsOf('KWD'), minorUnitsOf('CLF')]).toEqual([2, 0, 3, 4]);
  });
});
