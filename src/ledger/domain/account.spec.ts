import { Decimal } from '../../common/money/decimal.js';
import { AccountCredited, AccountDebited, AccountOpened, type AccountEvent } from '../events/index.js';
import { Account } from './account.js';
import { postTransfer, type TransferRequest } from './transfer.js';

// given(events) -> when(command) -> then(events | error), without Nest or a database.
const at = new Date('2025-07-13T10:00:00Z');
const opened = (id: string, overrides: Partial<{ currency: string; allowOverdraft: boolean; limit: string | null }> = {}) =>
  new AccountOpened(id, overrides.currency ?? 'USD', 'user', overrides.allowOverdraft ?? false, overrides.limit ? new Decimal(overrides.limit) : null, {}, at);
const credited = (id: string, version: number, amount: string, balanceAfter: string) =>
  new AccountCredited({ accountId: id, version, transferId: `t${version}`, counterpartyAccountId: 'float', amount: new Decimal(amount), currency: 'USD', balanceAfter: new Decimal(balanceAfter), reference: null, occurredAt: at });
const given = (...events: AccountEvent[]) => Account.fromHistory(events);
const transfer = (amount: string, overrides: Partial<TransferRequest> = {}): TransferRequest => ({
  transferId: 'T',
  sourceAccountId: 'alice',
  destinationAccountId: 'bob',
  amount: new Decimal(amount),
  currency: 'USD',
  reference: null,
  metadata: {},
  requestedAt: at,
  occurredAt: at,
  ...overrides,
});

describe('Account aggregate', () => {
  it('opening emits AccountOpened as version 1 with a zero balance', () => {
    const account = Account.open({ id: 'a', currency: 'USD', type: 'user', metadata: {}, allowOverdraft: false, overdraftLimit: null, openedAt: at });
    expect(account.getUncommittedEvents()).toEqual([expect.any(AccountOpened)]);
    expect(account.state.balance.toFixed()).toBe('0');
    expect(account.state.version).toBe(1);
  });

  it('replays its history into the current balance and version', () => {
    const account = given(opened('alice'), credited('alice', 2, '500', '500'), credited('alice', 3, '25', '525'));
    expect(account.state.balance.toFixed()).toBe('525');
    expect(account.state.version).toBe(3);
  });

  describe('given Alice with 500 and Bob with 0', () => {
    const alice = () => given(opened('alice'), credited('alice', 2, '500', '500'));
    const bob = () => given(opened('bob'));

    it('when 100 moves, then Alice is debited and Bob credited with balance_after and the next versions', () => {
      const [source, destination] = [alice(), bob()];
      postTransfer(source, destination, transfer('100'));
      const [debit] = source.getUncommittedEvents() as AccountDebited[];
      const [credit] = destination.getUncommittedEvents() as AccountCredited[];
      expect(debit).toBeInstanceOf(AccountDebited);
      expect(credit).toBeInstanceOf(AccountCredited);
      expect([debit.version, debit.balanceAfter.toFixed(), debit.counterpartyAccountId]).toEqual([3, '400', 'bob']);
      expect([credit.version, credit.balanceAfter.toFixed(), credit.counterpartyAccountId]).toEqual([2, '100', 'alice']);
      expect(debit.amount.equals(credit.amount) && debit.transferId === credit.transferId).toBe(true);
    });

    it('when all 500 moves, then Alice ends at exactly zero', () => {
      const source = alice();
      postTransfer(source, bob(), transfer('500'));
      expect(source.state.balance.isZero()).toBe(true);
    });

    it('when 500.01 moves, then INSUFFICIENT_FUNDS and no event on either side', () => {
      const [source, destination] = [alice(), bob()];
      expect(() => postTransfer(source, destination, transfer('500.01'))).toThrow(expect.objectContaining({ code: 'INSUFFICIENT_FUNDS' }));
      expect(source.getUncommittedEvents()).toEqual([]);
      expect(destination.getUncommittedEvents()).toEqual([]);
    });

    it('when the currency differs, then CURRENCY_MISMATCH is reported before INSUFFICIENT_FUNDS', () => {
      const euroBob = given(opened('bob', { currency: 'EUR' }));
      expect(() => postTransfer(alice(), euroBob, transfer('9999'))).toThrow(expect.objectContaining({ code: 'CURRENCY_MISMATCH' }));
      expect(() => postTransfer(alice(), bob(), transfer('1', { currency: 'EUR' }))).toThrow(expect.objectContaining({ code: 'CURRENCY_MISMATCH' }));
    });

    it('when source and destination are one account, then SAME_ACCOUNT before anything else', () => {
      expect(() => postTransfer(undefined, undefined, transfer('1', { destinationAccountId: 'alice' }))).toThrow(expect.objectContaining({ code: 'SAME_ACCOUNT' }));
    });

    it('when an account is missing, then ACCOUNT_NOT_FOUND naming the side', () => {
      expect(() => postTransfer(undefined, bob(), transfer('1'))).toThrow(expect.objectContaining({ code: 'ACCOUNT_NOT_FOUND', details: [{ field: 'source_account_id', message: 'no such account' }] }));
      expect(() => postTransfer(alice(), undefined, transfer('1'))).toThrow(expect.objectContaining({ details: [{ field: 'destination_account_id', message: 'no such account' }] }));
    });
  });

  describe('overdraft', () => {
    it('an unlimited overdraft account (a float) may go as low as it needs', () => {
      const float = given(opened('float', { allowOverdraft: true }));
      postTransfer(float, given(opened('bob')), transfer('1000000', { sourceAccountId: 'float' }));
      expect(float.state.balance.toFixed()).toBe('-1000000');
      expect(float.balanceFloor).toBeNull();
    });

    it('a limited overdraft stops exactly at minus the limit', () => {
      const limited = () => given(opened('alice', { allowOverdraft: true, limit: '50' }));
      expect(() => postTransfer(limited(), given(opened('bob')), transfer('50'))).not.toThrow();
      expect(() => postTransfer(limited(), given(opened('bob')), transfer('50.01'))).toThrow(expect.objectContaining({ code: 'INSUFFICIENT_FUNDS' }));
    });
  });
});
