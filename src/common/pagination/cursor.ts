import { ValidationFailed } from '../errors/domain-error.js';

/** Opaque keyset cursors: base64url of a JSON array of the last row's sort key. */
export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor(cursor: string, length: number, field = 'cursor'): string[] {
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(key) && key.length === length && key.every((part) => typeof part === 'string' || typeof part === 'number')) return key.map(String);
  } catch {
    // fall through to the validation error
  }
  throw ValidationFailed.field(field, 'is not a cursor returned by this API');
}
