import { ValidationFailed } from '../../common/errors/domain-error.js';

export const businessDateMessage = 'must be a calendar date formatted YYYY-MM-DD';

/** Whether `value` is a real calendar day written YYYY-MM-DD (so not 2025-02-30 or 2025-13-01). */
export function isBusinessDate(value: unknown): value is string {
  const match = typeof value === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
  const day = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : undefined;
  return day !== undefined && !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === value;
}

/** A business date is a real calendar day written YYYY-MM-DD; `field` names it in the error. */
export function requireBusinessDate(value: string, field = 'date'): string {
  if (!isBusinessDate(value)) throw ValidationFailed.field(field, businessDateMessage);
  return value;
}

