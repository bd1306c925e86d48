/** OpenAPI examples of POST /ledger/transfers/batch: requests and both response shapes. */
const float = '550e8400-e29b-41d4-a716-446655440000';
const alice = '550e8400-e29b-41d4-a716-446655440001';
const bob = '550e8400-e29b-41d4-a716-446655440002';

const transfer = (id: string, source: string, destination: string, amount: string, reference: string) => ({
  id,
  source_account_id: source,
  destination_account_id: destination,
  amount,
  currency: 'USD',
  reference,
  metadata: {},
  status: 'posted',
  created_at: '2025-07-13T10:00:00.000Z',
  occurred_at: '2025-07-13T10:00:00.000Z',
});

export const transferBatchExamples = {
  requests: {
    atomic: {
      summary: 'Payroll: all or nothing',
      value: {
        mode: 'atomic',
        transfers: [
          { source_account_id: float, destination_account_id: alice, amount: '1200.00', currency: 'USD', reference: 'PAYROLL-2025-07-alice' },
          { source_account_id: float, destination_account_id: bob, amount: '950.00', currency: 'USD', reference: 'PAYROLL-2025-07-bob' },
        ],
      },
    },
    independent: {
      summary: 'Payouts: each on its own',
      value: {
        mode: 'independent',
        transfers: [
          { source_account_id: alice, destination_account_id: bob, amount: '10.00', currency: 'USD', reference: 'PAYOUT-1' },
          { source_account_id: bob, destination_account_id: alice, amount: '99999.00', currency: 'USD', reference: 'PAYOUT-2' },
        ],
      },
    },
  },
  atomic: {
    posted: {
      summary: 'Every transfer posted',
      value: { mode: 'atomic', transfers: [transfer('0b6f1e1c-4a5d-4a8e-9b1e-2f3c4d5e6f70', float, alice, '1200.00', 'PAYROLL-2025-07-alice'), transfer('0b6f1e1c-4a5d-4a8e-9b1e-2f3c4d5e6f71', float, bob, '950.00', 'PAYROLL-2025-07-bob')] },
    },
  },
  independent: {
    mixed: {
      summary: 'One posted, one refused',
      value: {
        mode: 'independent',
        results: [
          { index: 0, status: 201, transfer: transfer('0b6f1e1c-4a5d-4a8e-9b1e-2f3c4d5e6f72', alice, bob, '10.00', 'PAYOUT-1') },
          { index: 1, status: 422, error: { code: 'INSUFFICIENT_FUNDS', message: `Account ${bob} cannot cover 99999.00 USD` } },
        ],
      },
    },
  },
};
