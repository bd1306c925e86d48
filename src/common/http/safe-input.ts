import { ValidationFailed } from '../errors/domain-error.js';
import { hasUnstorableCharacter } from '../storable-text.js';

/** Keys that name Object.prototype members: as data they shadow methods or reach the prototype. */
const reservedKeys = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype']);
const depthMax = 32;

/**
 * Refuses what no field may carry, at any depth, before class-validator sees it: keys that name an
 * Object.prototype member (`__proto__`, `constructor`, `toString`, ...), which confuse lookups by `in` or
 * plain property access, and strings (keys or values) the database cannot store (NUL, lone surrogates).
 */
export function assertSafeInput(value: unknown, path = 'body', depth = 0): void {
  if (typeof value === 'string') {
    if (hasUnstorableCharacter(value)) throw ValidationFailed.field(path, 'contains a NUL character or an unpaired UTF-16 surrogate');
    return;
  }
  if (value === null || typeof value !== 'object') return;
  if (depth > depthMax) throw ValidationFailed.field(path, `is nested more than ${depthMax} levels deep`);
  for (const key of Object.keys(value)) {
    if (reservedKeys.has(key)) throw ValidationFailed.field(`${path}.${key}`, 'is a reserved name and not allowed as a field');
    if (hasUnstorableCharacter(key)) throw ValidationFailed.field(path, 'has a key with a NUL character or an unpaired UTF-16 surrogate');
    assertSafeInput((value as Record<string, unknown>)[key], `${path}.${key}`, depth + 1);
  }
}
