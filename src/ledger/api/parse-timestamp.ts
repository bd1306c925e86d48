import { ValidationFailed } from '../../common/errors/domain-error.js';

/** An RFC 3339 text already matched by the DTO, as a Date; impossible dates (2025-02-30) are refused. */
export function parseTimestamp(text: string, field: string): Date {
  const date = new Date(text);
  const [, month, day] = /^\d{4}-(\d{2})-(\d{2})/.exec(text) ?? [];
  const calendar = new Date(`${text.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || calendar.getUTCMonth() + 1 !== Number(month) || calendar.getUTCDate() !== Number(day)) {
    throw ValidationFailed.field(field, 'is not a real date and time');
  }
  return date;
}
