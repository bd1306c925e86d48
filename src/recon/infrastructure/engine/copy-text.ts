/**
 * PostgreSQL COPY text format: one line per row, tab between columns, \N for NULL, and backslash, tab,
 * newline and carriage return escaped inside values (anything else is taken literally).
 */
export type CopyValue = string | number | boolean | null | undefined;

export function copyLine(values: readonly CopyValue[]): string {
  return values.map(copyField).join('\t') + '\n';
}

function copyField(value: CopyValue): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value !== 'string') return String(value);
  return value.replace(/[\\\t\n\r]/g, (char) => (char === '\\' ? '\\\\' : char === '\t' ? '\\t' : char === '\n' ? '\\n' : '\\r'));
}
