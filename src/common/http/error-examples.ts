/**
 * One realistic message (and details, where the API sends them) per error code, for the OpenAPI examples.
 * A code missing here still gets an example, with its code as the message; add it here to say more.
 */
const exampleAccount = '550e8400-e29b-41d4-a716-446655440000';

type ExampleBody = { message: string; details?: { field: string; message: string }[] };

const examples: Record<string, ExampleBody | ((note: string | undefined) => ExampleBody)> = {
  VALIDATION_FAILED: { message: 'amount: must be a decimal string such as "100.50"', details: [{ field: 'amount', message: 'must be a decimal string such as "100.50"' }] },
  MALFORMED_JSON: { message: 'The request body is not valid JSON' },
  MALFORMED_REQUEST: { message: 'The multipart body could not be read: Unexpected end of form' },
  UNAUTHENTICATED: { message: 'Send Authorization: Bearer <API key or JWT>' },
  // The note is the route's "needs <scope> or admin".
  FORBIDDEN: (note) => ({ message: `This request ${note?.replace(/^needs (\S+) or admin$/, 'needs the scope $1 (or admin)') ?? 'needs another scope'}; reporting has none` }),
  ACCOUNT_NOT_FOUND: { message: `Account ${exampleAccount} does not exist`, details: [{ field: 'destination_account_id', message: 'no such account' }] },
  TRANSFER_NOT_FOUND: { message: 'Transfer 0b6f1e1c-4a5d-4a8e-9b1e-2f3c4d5e6f70 does not exist' },
  IDEMPOTENCY_KEY_REUSED: { message: 'This Idempotency-Key was already used with a different request body' },
  SAME_ACCOUNT: { message: 'source_account_id and destination_account_id must be different accounts' },
  CURRENCY_MISMATCH: { message: `Account ${exampleAccount} holds EUR, the transfer is in USD` },
  INSUFFICIENT_FUNDS: { message: `Account ${exampleAccount} has 50.00 USD, which does not cover 100.00 USD` },
  PAYLOAD_TOO_LARGE: { message: 'file: the upload is larger than 52428800 bytes' },
  RATE_LIMITED: { message: 'Too many requests; retry in 12 s' },
  DATABASE_UNAVAILABLE: { message: 'The database is unavailable; the request was not applied. Retry later.' },
  NOT_READY: { message: 'Not ready: database', details: [{ field: 'database', message: 'connect ECONNREFUSED 127.0.0.1:5432' }] },
  UPLOAD_STORAGE_UNAVAILABLE: { message: 'The upload could not be stored on the server; nothing was started. Retry later.' },
  RECON_SOURCE_UNKNOWN: { message: 'source: no source named "bank" (configured: bank_csv, psp_api)', details: [{ field: 'source', message: 'unknown source' }] },
  RECON_FILE_REQUIRED: { message: 'file_path: source bank_csv reads a file; give file_path or upload one', details: [{ field: 'file_path', message: 'required' }] },
  RECON_FILE_NOT_FOUND: { message: 'file_path: no file at data/bank_2025-07-13.csv', details: [{ field: 'file_path', message: 'no such file' }] },
  RECON_JOB_NOT_FOUND: { message: 'No reconciliation job for 2025-07-13 and source bank_csv' },
  RECON_SUMMARY_NOT_READY: { message: 'Job 7d0b7c8e-2f43-4a3e-9d7e-0f6a1f1c2b3a is running; it has no summary' },
  WEBHOOK_SUBSCRIPTION_NOT_FOUND: { message: 'Webhook subscription 2b1f0c4e-7d3a-4e8b-9f21-5a6c7d8e9f01 does not exist' },
  WEBHOOK_DELIVERY_NOT_FOUND: { message: 'Webhook delivery 1042 does not exist' },
  WEBHOOK_SUBSCRIPTION_STATE: { message: 'Webhook subscription 2b1f0c4e-7d3a-4e8b-9f21-5a6c7d8e9f01 is deleted: it cannot be resumed' },
  WEBHOOK_URL_REFUSED: {
    message: 'url: hooks.internal resolves to 10.0.3.7, a private address; Tally calls only public addresses unless WEBHOOK_ALLOW_PRIVATE_URLS=true',
    details: [{ field: 'url', message: 'hooks.internal resolves to 10.0.3.7, a private address; Tally calls only public addresses unless WEBHOOK_ALLOW_PRIVATE_URLS=true' }],
  },
};

/** The example error body of `code` answered with `statusCode`; `note` is what the route says about it. */
export function errorExample(statusCode: number, code: string, note?: string) {
  const entry = examples[code];
  const body = typeof entry === 'function' ? entry(note) : (entry ?? { message: code });
  return { statusCode, code, ...body };
}
