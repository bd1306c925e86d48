import { DomainError } from '../errors/domain-error.js';

/** A cursor the API did not hand out (or handed out for another order): 400, before any SQL runs. */
export class InvalidCursor extends DomainError {
  constructor(field = 'cursor') {
    const message = 'is not a cursor returned by this API for this list and order';
    super('INVALID_CURSOR', 'validation', `${field}: ${message}`, [{ field, message }]);
  }
}

/** Checks one part of a decoded cursor; every part is checked before it can reach SQL. */
export type CursorPart = (part: unknown) => boolean;

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** Exactly what Date#toISOString writes, years 1000-9999 (PostgreSQL has no year 0). */
const isoTimestampPattern = /^[1-9]\d{3}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export const cursorParts = {
  /** A bigint position or version; 18 digits stay below 2^63. */
  position: ((part) => typeof part === 'string' && /^\d{1,18}$/.test(part)) as CursorPart,
  uuid: ((part) => typeof part === 'string' && uuidPattern.test(part)) as CursorPart,
  /** A real instant that round-trips through Date (so no 2025-13-45). */
  timestamp: ((part) => typeof part === 'string' && isoTimestampPattern.test(part) && roundTrips(part)) as CursorPart,
  literal: (value: string): CursorPart => (part) => part === value,
};

function roundTrips(text: string): boolean {
  const date = new Date(text);
  return !Number.isNaN(date.getTime()) && date.toISOString() === text;
}

/** Opaque keyset cursors: base64url of a JSON array of strings, the last row's sort key. */
export function encodeCursor(key: readonly string[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** The key of a cursor whose parts all pass their checks, or InvalidCursor. */
export function decodeCursor(cursor: string, parts: readonly CursorPart[], field = 'cursor'): string[] {
  // Buffer.from skips characters outside the alphabet, so check the alphabet first.
  if (!/^[A-Za-z0-9_-]{1,512}$/.test(cursor)) throw new InvalidCursor(field);
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursor(field);
  }
  if (!Array.isArray(key) || key.length !== parts.length || !parts.every((check, index) => check(key[index]))) throw new InvalidCursor(field);
  return key as string[];
}

/** A plain position cursor (events, statement lines): the position itself, as next_cursor gave it. */
export function decodePositionCursor(cursor: string, field = 'cursor'): string {
  if (!cursorParts.position(cursor)) throw new InvalidCursor(field);
  return cursor;
}
