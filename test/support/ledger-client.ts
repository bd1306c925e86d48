import type { Http } from './test-app.js';

/** Small helpers over the public API, so tests read as the user's steps. */
export function ledgerClient(http: Http) {
  const client = {
    async openAccount(body: Record<string, unknown> = {}): Promise<string> {
      const response = await http().post('/ledger/account/').send({ currency: 'USD', type: 'user', ...body }).expect(201);
      return response.body.id as string;
    },
    transfer(source: string, destination: string, amount: string, extra: Record<string, unknown> = {}) {
      return http().post('/ledger/transfer/').send({ source_account_id: source, destination_account_id: destination, amount, currency: 'USD', ...extra });
    },
    async balance(accountId: string): Promise<string> {
      const response = await http().get(`/ledger/account/${accountId}/balance`).expect(200);
      return response.body.balance as string;
    },
    /** An account holding `amount`, funded from a fresh overdraft-allowed float. */
    async fundedAccount(amount: string, currency = 'USD'): Promise<{ account: string; float: string }> {
      const float = await client.openAccount({ type: 'internal', allow_overdraft: true, currency });
      const account = await client.openAccount({ currency });
      await client.transfer(float, account, amount, { currency }).expect(201);
      return { account, float };
    },
  };
  return client;
}
