/**
 * The SQL twin of the domain's formatAmount, for reasons the database writes: at least two decimals, more
 * only when the amount has them ("4.50", "0.004"), whatever scale the column stores.
 */
export function formattedAmount(expression: string): string {
  return `(CASE WHEN scale(trim_scale(${expression})) < 2 THEN round(${expression}, 2) ELSE trim_scale(${expression}) END)::text`;
}
