import { inParallel, type LedgerApi } from './ledger-api.js';

export const accountCount = 1_000;
const fundingConcurrency = 32;
/** Accounts funded straight from the float; each passes funds on to its share of the others. */
const firstLevelCount = 32;
/** Far more than a run can spend at 0.01 a transfer, so no transfer of the bench is refused for funds. */
const fundingCents = 100_000_000n;
const hotFundingAmount = '1000000000.00';

/** The accounts the load runs against: 1,000 funded user accounts and one richer account every hot debit comes from. */
export interface FundedLedger {
  accounts: string[];
  hotSource: string;
}

const dollars = (cents: bigint) => `${cents / 100n}.${String(cents % 100n).padStart(2, '0')}`;

/**
 * Opens a float (overdraft allowed) and the accounts over the API, then funds them in two levels: the float
 * funds 32 accounts, each of which funds its share of the rest. Funding 1,000 accounts from the float alone
 * would queue every transfer on the float's balance row; every account ends with the same 1,000,000.00.
 */
export async function openFundedLedger(api: LedgerApi): Promise<FundedLedger> {
  const transfer = (source: string, destination: string, amount: string) => api.create('/ledger/transfer/', { source_account_id: source, destination_account_id: destination, amount, currency: 'USD', reference: 'bench funding' });
  const openAccount = async (name: string) => (await api.create('/ledger/account/', { currency: 'USD', type: 'user', metadata: { name } })).id as string;
  const float = (await api.create('/ledger/account/', { currency: 'USD', type: 'internal', allow_overdraft: true, metadata: { name: 'bench float' } })).id as string;
  const accounts = await inParallel(
    Array.from({ length: accountCount }, (_, index) => index),
    fundingConcurrency,
    (index) => openAccount(`bench ${index}`),
  );
  // Account i (from 32 on) is funded by account i % 32: consecutive transfers debit different accounts.
  const parentOf = (index: number) => index % firstLevelCount;
  const childCount = (parent: number) => accounts.filter((_, index) => index >= firstLevelCount && parentOf(index) === parent).length;
  const firstLevel = accounts.slice(0, firstLevelCount);
  await inParallel(firstLevel, fundingConcurrency, (account) => transfer(float, account, dollars(fundingCents * BigInt(1 + childCount(firstLevel.indexOf(account))))));
  const secondLevel = accounts.map((account, index) => ({ account, index })).slice(firstLevelCount);
  await inParallel(secondLevel, fundingConcurrency, ({ account, index }) => transfer(accounts[parentOf(index)], account, dollars(fundingCents)));
  const hotSource = await openAccount('bench hot source');
  await transfer(float, hotSource, hotFundingAmount);
  return { accounts, hotSource };
}
