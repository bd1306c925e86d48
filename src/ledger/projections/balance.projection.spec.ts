import { Decimal } from '../../common/money/decimal.js';
import { AccountCredited, AccountDebited, AccountOpened, type AccountEvent } from '../events/index.js';
import { BalanceProjection, type BalanceRow } from './balance.projection.js';

const at = new Date('2025-07-13T10:00:00Z');
const posting = (Type: typeof AccountDebited | typeof AccountCredited, version: number, amount: string, balanceAfter: string) =>
  new Type({ accountId: 'a', version, transferId: 't', counterpartyAccountId: 'b', amount: new Decimal(amount), currency: 'USD', balanceAfter: new Decimal(balanceAfter), reference: null, occurredAt: at });

describe('BalanceProjection.evolve', () => {
  const fold = (events: AccountEvent[]) => events.reduce<BalanceRow | undefined>((row, event) => BalanceProjection.evolve(row, event), undefined);

  it('recomputes the balance from amounts alone, not from balance_after', () => {
    const row = fold([new AccountOpened('a', 'USD', 'user', true, null, {}, at), posting(AccountCredited, 2, '100', '100'), posting(AccountDebited, 3, '30.5', '69.5')]);
    expect(row).toMatchObject({ version: 3, balanceFloor: null });
    expect(row!.balance.toFixed()).toBe('69.5');
  });

  it('keeps the floor of the account: 0, minus the limit, or none', () => {
    expect(fold([new AccountOpened('a', 'USD', 'user', false, null, {}, at)])!.balanceFloor!.toFixed()).toBe('0');
    expect(fold([new AccountOpened('a', 'USD', 'user', true, new Decimal('20'), {}, at)])!.balanceFloor!.toFixed()).toBe('-20');
  });

  it('refuses a gap or a posting before the account was opened', () => {
    expect(() => fold([posting(AccountCredited, 2, '1', '1')])).toThrow(/before AccountOpened/);
    expect(() => fold([new AccountOpened('a', 'USD', 'user', true, null, {}, at), posting(AccountCredited, 3, '1', '1')])).toThrow(/version 3 follows 1/);
  });
});
