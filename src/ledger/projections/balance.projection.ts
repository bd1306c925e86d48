import { Decimal } from '../../common/money/decimal.js';
import { AccountOpened, type AccountEvent } from '../events/index.js';

export interface BalanceRow {
  accountId: string;
  currency: string;
  balance: Decimal;
  /** Lowest balance allowed; null means no limit. */
  balanceFloor: Decimal | null;
  version: number;
}

/**
 * The `account_balances` read model, as a pure fold of the log (`evolve`). The write path applies it inside
 * each batch's transaction (the aggregate's final state per account is this fold's result), so a client always
 * reads its own writes; the rebuilder folds the whole log with it.
 */
export const BalanceProjection = {
  evolve(row: BalanceRow | undefined, event: AccountEvent): BalanceRow {
    if (event instanceof AccountOpened) {
      return { accountId: event.accountId, currency: event.currency, balance: new Decimal(0), balanceFloor: BalanceProjection.floorOf(event.allowOverdraft, event.overdraftLimit), version: event.version };
    }
    if (row === undefined) throw new Error(`${event.type} v${event.version} for account ${event.accountId} before AccountOpened`);
    if (event.version !== row.version + 1) throw new Error(`Account ${event.accountId}: version ${event.version} follows ${row.version}`);
    const delta = event.type === 'AccountCredited' ? event.amount : event.amount.negated();
    return { ...row, balance: row.balance.plus(delta), version: event.version };
  },

  /** The database's copy of the overdraft rule (a CHECK on account_balances): 0, minus the limit, or none. */
  floorOf(allowOverdraft: boolean, overdraftLimit: Decimal | null): Decimal | null {
    if (!allowOverdraft) return new Decimal(0);
    return overdraftLimit === null ? null : overdraftLimit.negated();
  },
};
