import type { BenchSection } from '../bench-section.js';
import type { FundedLedger } from '../funded-ledger.js';
import { measuredLoadRow } from '../measured-load.js';

const connections = 32;
const amount = '0.01';

function pick(accounts: readonly string[], except?: string): string {
  for (;;) {
    const account = accounts[Math.floor(Math.random() * accounts.length)];
    if (account !== except) return account;
  }
}

/** One transfer between two random accounts of the 1,000. */
export function spreadTransfer(funded: FundedLedger) {
  const source = pick(funded.accounts);
  return { source_account_id: source, destination_account_id: pick(funded.accounts, source), amount, currency: 'USD' };
}

/** One transfer whose debit always comes from the same account: every request queues on one balance row. */
export function hotTransfer(funded: FundedLedger) {
  return { source_account_id: funded.hotSource, destination_account_id: pick(funded.accounts), amount, currency: 'USD' };
}

function transferSection(key: 'spread' | 'hot', label: string, transfer: (funded: FundedLedger) => object): BenchSection {
  return {
    name: key,
    run: async (context) => {
      const ledger = await context.ledger();
      const { loadSeconds, warmupSeconds } = context.options;
      const plan = { path: '/ledger/transfer/', connections, seconds: loadSeconds, warmupSeconds, body: () => JSON.stringify(transfer(ledger.funded)) };
      return [await measuredLoadRow(ledger, { key, label, unit: 'transfers/s' }, plan)];
    },
  };
}

export const spreadSection = transferSection('spread', `POST /ledger/transfer/, spread (random pairs of 1,000), ${connections} connections`, spreadTransfer);
export const hotSection = transferSection('hot', `POST /ledger/transfer/, hot (every debit from one account), ${connections} connections`, hotTransfer);
