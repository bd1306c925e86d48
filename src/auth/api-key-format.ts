import { createHash, randomBytes, randomUUID } from 'node:crypto';

/**
 * `tly_<key id: 32 hex>_<secret: 43 base64url>`. The id is not secret and locates the row, so verifying
 * a key is one primary-key lookup plus one constant-time hash comparison. The secret is 256 random bits,
 * which is why a plain sha256 (no slow password hash) is enough: there is nothing to guess offline.
 */
const keyPattern = /^tly_([0-9a-f]{32})_([A-Za-z0-9_-]{43})$/;

export interface NewApiKey {
  id: string;
  key: string;
  prefix: string;
  hash: Buffer;
}

export function generateApiKey(): NewApiKey {
  const id = randomUUID();
  const key = `tly_${compactId(id)}_${randomBytes(32).toString('base64url')}`;
  return { id, key, prefix: prefixOf(id), hash: hashApiKey(key) };
}

/** The row id and hash of a presented key, or undefined when it is not shaped like one of ours. */
export function parseApiKey(token: string): { id: string; hash: Buffer } | undefined {
  const match = keyPattern.exec(token);
  if (!match) return undefined;
  const hex = match[1];
  const id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  return { id, hash: hashApiKey(token) };
}

export function hashApiKey(key: string): Buffer {
  return createHash('sha256').update(key, 'utf8').digest();
}

/** What a person sees in listings and logs to tell keys apart; the start of the id, never of the secret. */
function prefixOf(id: string): string {
  return `tly_${compactId(id).slice(0, 8)}`;
}

function compactId(id: string): string {
  return id.replaceAll('-', '');
}
