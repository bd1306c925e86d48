import { ValidationFailed } from '../../common/errors/domain-error.js';

/** A business date is a real calendar day written YYYY-MM-DD; `field` names it in the error. */
export function requireBusinessDate(value: string, field = 'date'): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const day = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : undefined;
  if (!day || Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== value) throw ValidationFailed.field(field, 'must be a calendar date formatted YYYY-MM-DD');
  return value;
}
