import { readFileSync } from 'node:fs';
import type { SourceItem } from '../../../../domain/recon-source.js';
import { camt053Format } from '../camt053-format.js';

export const fixtureDirectory = 'test/fixtures/statements/camt053';

export function fixture(name: string): Buffer {
  return readFileSync(`${fixtureDirectory}/${name}`);
}

/** The bytes as an input stream of `chunkSize`-byte chunks (the whole file in one chunk by default). */
export async function* chunked(bytes: Buffer, chunkSize = bytes.length || 1): AsyncGenerator<Buffer> {
  for (let start = 0; start < bytes.length; start += chunkSize) yield bytes.subarray(start, start + chunkSize);
}

/** Every item the format yields, as plain values (Decimal and Date as strings) that specs compare exactly. */
export async function parsedItems(bytes: Buffer | string, chunkSize?: number, defaultCurrency?: string): Promise<unknown[]> {
  const input = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes;
  const items: unknown[] = [];
  for await (const item of camt053Format.parse(chunked(input, chunkSize), { sourceName: 'bank_camt', defaultCurrency })) items.push(plainItem(item));
  return items;
}

export function plainItem(item: SourceItem): unknown {
  if (item.kind === 'record') {
    const { amount, occurredAt, ...rest } = item.record;
    return { kind: 'record', record: { ...rest, amount: amount.toFixed(), occurredAt: occurredAt.toISOString() } };
  }
  if (item.kind === 'statement') {
    const { opening, closing, ...rest } = item.statement;
    const balance = (value: typeof opening) => (value === undefined ? undefined : { amount: value.amount.toFixed(), date: value.date });
    return { kind: 'statement', statement: JSON.parse(JSON.stringify({ ...rest, opening: balance(opening), closing: balance(closing) })) };
  }
  return JSON.parse(JSON.stringify(item));
}

/** A record as the specs write it: the fields every camt record has, plus `extra`. */
export function record(key: string, line: number, amount: string, direction: 'credit' | 'debit', extra: Record<string, unknown>): unknown {
  const bookingDate = (extra.bookingDate as string | undefined) ?? '2025-03-31';
  return {
    kind: 'record',
    record: {
      side: 'external',
      key,
      reference: '',
      currency: 'EUR',
      timePrecision: 'date',
      bookingDate,
      occurredAt: `${bookingDate}T00:00:00.000Z`,
      line,
      direction,
      amount,
      ...extra,
    },
  };
}
