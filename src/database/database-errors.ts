import { DomainError } from '../common/errors/domain-error.js';

/** SQLSTATEs after which running the whole transaction again can succeed. */
const retryableStates = new Set(['40001', '40P01']); // serialization_failure, deadlock_detected

/** SQLSTATE classes and driver errors that mean the database, not the request, is at fault. */
const unavailableStatePrefixes = ['08', '53', '57']; // connection exception, insufficient resources, operator intervention

export function sqlState(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

export function isRetryable(error: unknown): boolean {
  return retryableStates.has(sqlState(error) ?? '');
}

export function isUniqueViolationOf(error: unknown, constraint: string): boolean {
  return sqlState(error) === '23505' && (error as { constraint?: string }).constraint === constraint;
}

export function isDatabaseUnavailable(error: unknown): boolean {
  const state = sqlState(error);
  if (state !== undefined) return unavailableStatePrefixes.some((prefix) => state.startsWith(prefix));
  const message = error instanceof Error ? error.message : '';
  return /Connection terminated|ECONNREFUSED|ECONNRESET|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(message);
}

export class DatabaseUnavailable extends DomainError {
  constructor() {
    super('DATABASE_UNAVAILABLE', 'unavailable', 'The database is unavailable; the request was not applied. Retry later.');
  }
}
