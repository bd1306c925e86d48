/** The aliases, in a query, of the external record and the ledger transfer of a pair. */
export interface PairAliases {
  readonly external: string;
  readonly ledger: string;
}

/** A date-only record's booking day; its occurred_at is 00:00 UTC of that day when a source left it out. */
export const bookingDay = (e: string) => `COALESCE(${e}.booking_date, (${e}.occurred_at AT TIME ZONE 'UTC')::date)`;

/**
 * Whether the two are close enough in time: a date-only external record on calendar days (booked 0..lagDays
 * after the transfer's business day, never before), a timed one within `minutes` either way. Bounds inclusive.
 * `minutes` and `lagDays` are SQL expressions (parameters).
 */
export function withinTiming({ external: e, ledger: l }: PairAliases, minutes: string, lagDays: string): string {
  return `CASE WHEN ${e}.time_precision = 'date' THEN ${bookingDay(e)} BETWEEN ${l}.business_day AND ${l}.business_day + ${lagDays}::int
               ELSE ${l}.occurred_at BETWEEN ${e}.occurred_at - make_interval(mins => ${minutes}) AND ${e}.occurred_at + make_interval(mins => ${minutes}) END`;
}

/** Directions are compared only when both sides have one (the ledger's only on an account-scoped job). */
export function directionsAgree({ external: e, ledger: l }: PairAliases): string {
  return `(${e}.direction IS NULL OR ${l}.direction IS NULL OR ${e}.direction = ${l}.direction)`;
}

/**
 * How far apart the pair is, in whole milliseconds, for ranking: whole days of lag for a date-only record
 * (its minutes mean nothing), else the instants' difference, as the domain measures.
 */
export function pairDistanceMs({ external: e, ledger: l }: PairAliases): string {
  return `CASE WHEN ${e}.time_precision = 'date' THEN abs(${bookingDay(e)} - ${l}.business_day)::bigint * 86400000
               ELSE abs(round(extract(epoch FROM ${e}.occurred_at - ${l}.occurred_at) * 1000))::bigint END`;
}
