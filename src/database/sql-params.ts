/**
 * Collects the values of a parameterised statement assembled from several parts (one CTE per part), and
 * hands out their `$n` placeholders, so that each part can be written on its own and still share one
 * round trip.
 */
export class SqlParams {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** A data-modifying CTE: `name AS (sql)`. */
export interface SqlPart {
  name: string;
  sql: string;
  /** A part that refers to itself (`WITH RECURSIVE`). */
  recursive?: boolean;
}

export function withParts(parts: readonly SqlPart[], finalSelect: string): string {
  const keyword = parts.some((part) => part.recursive) ? 'WITH RECURSIVE' : 'WITH';
  return `${keyword} ${parts.map((part) => `${part.name} AS (${part.sql})`).join(',\n')}\n${finalSelect}`;
}
