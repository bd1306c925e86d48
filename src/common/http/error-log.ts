import { sqlState } from '../../database/database-errors.js';
import { logSafe } from '../log-text.js';

/**
 * What the log says about an unexpected error: its name and message with control characters escaped,
 * then the stack frames. A database error's message is left out entirely, since PostgreSQL echoes the
 * offending value (`invalid input syntax for type ...: "<client text>"`); its SQLSTATE, routine and
 * constraint say where to look without repeating what a client sent.
 */
export function describeForLog(exception: unknown): string {
  if (!(exception instanceof Error)) return logSafe(String(exception));
  const state = sqlState(exception) ?? sqlState((exception as { driverError?: unknown }).driverError);
  const headline = state ? `${exception.name}: database error ${state}${databaseWhere(exception)}` : `${exception.name}: ${logSafe(exception.message)}`;
  return `${headline}${framesOf(exception)}`;
}

function databaseWhere(exception: Error): string {
  const source = (exception as { driverError?: Record<string, unknown> }).driverError ?? (exception as unknown as Record<string, unknown>);
  const parts = ['routine', 'table', 'column', 'constraint']
    .map((field) => [field, source[field]] as const)
    .filter((entry): entry is readonly [string, string] => typeof entry[1] === 'string')
    .map(([field, value]) => `${field} ${logSafe(value)}`);
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}

/** The stack without its first line(s), which repeat the message; only `at ...` frames come from code. */
function framesOf(exception: Error): string {
  const stack = exception.stack ?? '';
  const header = `${exception.name}: ${exception.message}`;
  const rest = stack.startsWith(header) ? stack.slice(header.length) : stack;
  return rest
    .split('\n')
    .filter((line) => /^ {4}at [^\r\u2028\u2029]*$/.test(line))
    .map((line) => `\n${logSafe(line)}`)
    .join('');
}
