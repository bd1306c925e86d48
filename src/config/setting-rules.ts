/**
 * Rules shared by the validated Environment and the CLI's plain settings reader (which skips class-validator
 * to start fast), so a bad value reads the same from every command.
 */
export const postgresUrlPattern = /^postgres(ql)?:\/\/.+/;
export const postgresUrlMessage = 'DATABASE_URL must be a postgres:// URL';

/** One line of an "Invalid configuration" error; the value is left out where it may hold a credential. */
export function refusedSetting(name: string, value: unknown, reasons: string): string {
  const shown = /SECRET|PASSWORD|DATABASE_URL/.test(name) ? '(hidden)' : JSON.stringify(value);
  return `  ${name}=${shown}: ${reasons}`;
}
