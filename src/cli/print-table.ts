/** Prints rows as an aligned plain-text table (console.table quotes every string). */
export function printTable(rows: readonly Record<string, string | number>[], write: (line: string) => void = console.log): void {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]);
  const widths = columns.map((column) => Math.max(column.length, ...rows.map((row) => String(row[column]).length)));
  const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd();
  write(line(columns));
  write(line(widths.map((width) => '-'.repeat(width))));
  for (const row of rows) write(line(columns.map((column) => String(row[column]))));
}
