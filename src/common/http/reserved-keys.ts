import { ValidationFailed } from '../errors/domain-error.js';

/** Keys that name Object.prototype members: as data they shadow methods or reach the prototype. */
const reservedKeys = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype']);
const depthMax = 32;

/**
 * Refuses any object key, at any depth, that names an Object.prototype member (`__proto__`,
 * `constructor`, `toString`, ...). Such keys are never legitimate field names and confuse validators that
 * look fields up with `in` or plain property access.
 */
export function assertNoReservedKeys(value: unknown, path = 'body', depth = 0): void {
  if (value === null || typeof value !== 'object') return;
  if (depth > depthMax) throw ValidationFailed.field(path, `is nested more than ${depthMax} levels deep`);
  for (const key of Object.keys(value)) {
    if (reservedKeys.has(key)) throw ValidationFailed.field(`${path}.${key}`, 'is a reserved name and not allowed as a field');
    assertNoReservedKeys((value as Record<string, unknown>)[key], `${path}.${key}`, depth + 1);
  }
}
