import { randomBytes } from 'node:crypto';
import { ValidationFailed } from '../../common/errors/domain-error.js';

/** `whsec_` and 32 random bytes: a 256-bit HMAC key, printable so it can be pasted into a receiver's settings. */
export function generateSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

const secretPattern = /^[\x21-\x7e]{32,256}$/;

/** A secret the caller chose: 32-256 visible ASCII characters (a short HMAC key could be guessed offline). */
export function requireSecret(value: string, field = 'secret'): string {
  if (!secretPattern.test(value)) throw ValidationFailed.field(field, 'must be 32 to 256 visible ASCII characters');
  return value;
}

/** Enough of a secret to tell two apart in a listing, never enough to sign with. */
export function secretPrefix(secret: string): string {
  return `${secret.slice(0, Math.min(10, secret.length - 22))}...`;
}

export interface SigningSecrets {
  secret: string;
  previousSecret: string | null;
  previousSecretExpiresAt: Date | null;
}

/** The secrets to sign with at `now`: the current one, and during a rotation the previous one until it expires. */
export function secretsInUse(subscription: SigningSecrets, now: Date): string[] {
  const previousValid = subscription.previousSecret !== null && subscription.previousSecretExpiresAt !== null && subscription.previousSecretExpiresAt > now;
  return previousValid ? [subscription.secret, subscription.previousSecret!] : [subscription.secret];
}
