import { createHmac } from 'node:crypto';

/**
 * `Tally-Signature: t=<unix seconds>,v1=<hex>`, where hex = HMAC-SHA256(secret, "<t>.<body>") over the exact bytes
 * of the body. The timestamp is signed too, so a receiver that refuses old timestamps refuses replays. During a
 * secret rotation one `v1` is sent per secret in use, the newest first; a receiver accepts any one it can verify.
 * The receiver's check is written out in docs/webhooks.md, and the tests verify every request with that recipe
 * (test/support/webhook-receiver.ts), not with code from here.
 */

export function signPayload(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

export function signatureHeader(secrets: readonly string[], timestamp: number, body: string): string {
  if (secrets.length === 0) throw new Error('signatureHeader: at least one secret is needed');
  return [`t=${timestamp}`, ...secrets.map((secret) => `v1=${signPayload(secret, timestamp, body)}`)].join(',');
}
