import { performance } from 'node:perf_hooks';
import { inParallel, type LedgerApi } from './ledger-api.js';
import { benchPair, decimalOfCents } from './recon-dataset.js';

const batchSize = 1_000;
const requestsInFlight = 4;
const accountCount = 32;
const overloadRetriesMax = 60;

/**
 * Posts the data set's N ledger transfers through POST /ledger/transfers/batch (atomic, 1,000 a request, a few
 * requests in flight): the ledger's own write path, events, balances and hash chain included. Accounts are
 * internal with overdraft allowed, so no transfer waits on funding and none is refused for funds.
 */
export async function postLedgerSide(api: LedgerApi, seed: number, total: number, log: (line: string) => void): Promise<number> {
  const accounts: string[] = [];
  for (let index = 0; index < accountCount; index++) {
    accounts.push((await api.create('/ledger/account/', { currency: 'USD', type: 'internal', allow_overdraft: true, metadata: { name: `recon bench ${index}` } })).id as string);
  }
  const batches = Array.from({ length: Math.ceil(total / batchSize) }, (_, batch) => batch);
  const startedAt = performance.now();
  let posted = 0;
  await inParallel(batches, requestsInFlight, async (batch) => {
    const transfers = [];
    for (let index = batch * batchSize; index < Math.min(total, (batch + 1) * batchSize); index++) {
      const { ledger } = benchPair(seed, index, total);
      // Consecutive transfers debit different accounts; the destination is never the source.
      const source = index % accountCount;
      const destination = (source + 1 + (Math.floor(index / accountCount) % (accountCount - 1))) % accountCount;
      transfers.push({ source_account_id: accounts[source], destination_account_id: accounts[destination], amount: decimalOfCents(ledger.cents), currency: 'USD', reference: ledger.reference, occurred_at: new Date(ledger.occurredAtMs).toISOString().replace('.000Z', 'Z') });
    }
    await postBatch(api, transfers);
    posted += transfers.length;
    if (batch % 100 === 0) log(`  ledger: ${posted.toLocaleString('en-US')} / ${total.toLocaleString('en-US')} transfers posted, ${Math.round(posted / ((performance.now() - startedAt) / 1000))} transfers/s`);
  });
  return (performance.now() - startedAt) / 1000;
}

/** 503 OVERLOADED is the write queue's back-pressure: wait as told and resend; any other refusal stops the bench. */
async function postBatch(api: LedgerApi, transfers: unknown[]): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    const { status, json } = await api.post('/ledger/transfers/batch', { mode: 'atomic', transfers });
    if (status === 201) return;
    if (status !== 503 || attempt >= overloadRetriesMax) throw new Error(`POST /ledger/transfers/batch answered ${status}: ${JSON.stringify(json).slice(0, 500)}`);
    await new Promise((done) => setTimeout(done, 1_000));
  }
}
