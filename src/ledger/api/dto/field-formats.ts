import { Transform } from 'class-transformer';
import { IsString, Matches } from 'class-validator';

/** The ledger's field formats, shared by bodies and query strings so a value valid in one is valid in the other. */

/** UUIDs are case-insensitive; the ledger compares them as lower-case strings. */
export const lowerCase = Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.toLowerCase() : value));

/** RFC 3339 (date, time, optional fraction, Z or an offset), or a bare date meaning 00:00 UTC; years 1900-2099. */
const rfc3339 = /^(19|20)\d{2}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,9})?(Z|[+-]([01]\d|2[0-3]):[0-5]\d))?$/;

function all(...decorators: PropertyDecorator[]): PropertyDecorator {
  return (target, key) => decorators.forEach((decorate) => decorate(target, key));
}

export const IsCurrencyCode = () => all(IsString(), Matches(/^[A-Z]{3}$/, { message: 'must be an uppercase ISO 4217 code such as "USD"' }));

export const IsAccountType = () =>
  all(IsString(), Matches(/^[a-z][a-z0-9_]{0,31}$/, { message: 'must be 1-32 lowercase letters, digits or underscores, starting with a letter' }));

/** Checked as text here; parseTimestamp then refuses impossible dates (2025-02-30). */
export const IsTimestampText = () =>
  all(IsString(), Matches(rfc3339, { message: 'must be an RFC 3339 timestamp such as "2025-07-13T09:14:30Z" or a date such as "2025-07-13"' }));
