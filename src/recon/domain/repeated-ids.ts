import type { SourceItem } from './recon-source.js';

/**
 * Ids a file repeats. A given id (an id column, an API field) names one record: every later row with it is
 * rejected. A key derived from content ends in its occurrence number among identical rows (two coffees of
 * one day are two movements), so readers give every such row occurrence 1 (`keyBase` + "1"): counting as
 * they read would mean remembering every row, and memory would grow with the file. Whoever sees all rows
 * settles both in file order: a job in SQL (infrastructure/engine/staged-ids.ts), a preview here.
 */
export function repeatedIdReason(key: string, firstLine: string | number): string {
  return `id '${key}' is already used on line ${firstLine}`;
}

/**
 * A preview's way of settling repeated ids: it does not stage, so it remembers the ids it has seen (memory
 * grows with the file, which a preview of a very large file pays; a job does not).
 */
export async function* settleRepeatedIds(items: AsyncIterable<SourceItem>): AsyncGenerator<SourceItem> {
  const firstLineOfId = new Map<string, number>();
  const occurrencesOfBase = new Map<string, number>();
  for await (const item of items) {
    if (item.kind !== 'record') {
      yield item;
      continue;
    }
    const { record } = item;
    if (record.keyBase !== undefined) {
      const occurrence = (occurrencesOfBase.get(record.keyBase) ?? 0) + 1;
      occurrencesOfBase.set(record.keyBase, occurrence);
      yield occurrence === 1 ? item : { kind: 'record', record: { ...record, key: `${record.keyBase}${occurrence}` } };
      continue;
    }
    const line = record.line ?? 0;
    const firstLine = firstLineOfId.get(record.key);
    if (firstLine === undefined) {
      firstLineOfId.set(record.key, line);
      yield item;
    } else {
      yield { kind: 'rejected', line, reason: repeatedIdReason(record.key, firstLine) };
    }
  }
}
