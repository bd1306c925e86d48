import { toVerifyReportResponse } from './verify-report.response.js';

describe('GET /admin/verify response', () => {
  it('is the verification report in snake_case, findings included', () => {
    const response = toVerifyReportResponse({
      ok: false,
      events: 17,
      accounts: 5,
      transfers: 6,
      headHash: 'ab'.repeat(32),
      findings: [
        { kind: 'projection_mismatch', message: 'm', accountId: '0b5e2f4c-1111-4222-8333-444455556666' },
        { kind: 'hash_chain_broken', message: 'h', position: '8' },
      ],
    });
    expect(response).toEqual({
      ok: false,
      events: 17,
      accounts: 5,
      transfers: 6,
      head_hash: 'ab'.repeat(32),
      findings: [
        { kind: 'projection_mismatch', message: 'm', account_id: '0b5e2f4c-1111-4222-8333-444455556666' },
        { kind: 'hash_chain_broken', message: 'h', position: '8' },
      ],
    });
    expect(JSON.stringify(response)).not.toMatch(/"[a-z]+[A-Z]/);
  });
});
