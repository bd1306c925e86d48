import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * `Tally-Signature: t=<unix seconds>,v1=<hex>`, where hex = HMAC-SHA256(secret, "<t>.<body>") over the exact bytes
 * of the body. The timestamp is signed too, so a receiver that refuses old timestamps refuses replays. During a
 * secret rotation one `v1` is sent per secret in use, the newest first; a receiver accepts any one it can verify.
 */
export const signatureHeaderName = 'Tally-Signature';

/** How old a signed timestamp a receiver should accept, in seconds (what docs/webhooks.md recommends). */
export const signatureToleranceSeconds = 300;

export function signPayload(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

export function signatureHeader(secrets: readonly string[], timestamp: number, body: string): string {
  if (secrets.length === 0) throw new Error('signatureHeader: at least one secret is needed');
  return [`t=${timestamp}`, ...secrets.map((secret) => `v1=${signPayload(secret, timestamp, body)}`)].join(',');
}

export type SignatureCheck = 'ok' | 'missing' | 'malformed' | 'stale' | 'mismatch';

/** The receiver's check, as docs/webhooks.md describes it; `nowSeconds` is the receiver's clock. */
export function verifySignature(header: string | undefined, secret: string, body: string, nowSeconds: number, toleranceSeconds = signatureToleranceSeconds): SignatureCheck {
  if (!header) return 'missing';
  const parts = header.split(',').map((part) => part.trim().split('='));
  const timestamps = parts.filter(([key]) => key === 't').map(([, value]) => value);
  const signatures = parts.filter(([key, value]) => key === 'v1' && /^[0-9a-f]{64}$/.test(value ?? '')).map(([, value]) => value);
  if (timestamps.length !== 1 || !/^\d{1,12}$/.test(timestamps[0] ?? '') || signatures.length === 0) return 'malformed';
  const timestamp = Number(timestamps[0]);
  if (Math.abs(nowSeconds - timestamp) > toleranceSeconds) return 'stale';
  const expected = Buffer.from(signPayload(secret, timestamp, body), 'hex');
  return signatures.some((signature) => timingSafeEqual(Buffer.from(signature, 'hex'), expected)) ? 'ok' : 'mismatch';
}
