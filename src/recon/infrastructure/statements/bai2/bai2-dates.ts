/**
 * BAI2 dates are YYMMDD. The century is not in the file: read as 20YY (balance reports are current-day
 * or previous-day files). Returns YYYY-MM-DD without checking the calendar (statementEntryItem does,
 * naming the field), or undefined when the text is not six digits.
 */
export function bai2Date(text: string): string | undefined {
  const match = /^(\d{2})(\d{2})(\d{2})$/.exec(text);
  return match === null ? undefined : `20${match[1]}-${match[2]}-${match[3]}`;
}
