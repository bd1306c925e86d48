import { createReadStream } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { SourceItem } from '../../../domain/recon-source.js';
import type { StatementParseOptions } from '../statement-format.js';
import { bai2Format } from './bai2-format.js';

/** For specs: items as plain data (amounts as strings) so expectations can be exact. */
export type PlainItem =
  | { kind: 'record'; [field: string]: unknown }
  | { kind: 'rejected'; line: number; reason: string; raw?: string; location?: string }
  | { kind: 'statement' | 'dialect'; [field: string]: unknown };

export function plain(item: SourceItem): PlainItem {
  if (item.kind === 'rejected') {
    const out: PlainItem = { kind: 'rejected', line: item.line, reason: item.reason };
    if (item.raw !== undefined) out.raw = item.raw;
    if (item.location !== undefined) out.location = item.location;
    return out;
  }
  if (item.kind === 'record') {
    const { record } = item;
    const { side: _side, occurredAt, amount, timePrecision: _precision, ...rest } = record;
    return { kind: 'record', ...rest, amount: amount.toFixed(), occurredAt: occurredAt.toISOString() };
  }
  if (item.kind === 'dialect') return { kind: 'dialect', ...item.dialect };
  const { opening, closing, ...rest } = item.statement;
  return {
    kind: 'statement',
    ...rest,
    ...(opening === undefined ? {} : { opening: { amount: opening.amount.toFixed(), date: opening.date } }),
    ...(closing === undefined ? {} : { closing: { amount: closing.amount.toFixed(), date: closing.date } }),
  };
}

export function fixturePath(name: string): string {
  return fileURLToPath(new URL(`../../../../../test/fixtures/statements/bai2/${name}`, import.meta.url));
}

/** Reads a fixture in chunks of `chunkSize` bytes, so records cross chunk boundaries. */
export async function parseFixture(name: string, options: Partial<StatementParseOptions> = {}, chunkSize = 64): Promise<PlainItem[]> {
  return collect(bai2Format.parse(createReadStream(fixturePath(name), { highWaterMark: chunkSize }), { sourceName: 'bank_bai2', ...options }));
}

export async function parseText(text: string, options: Partial<StatementParseOptions> = {}): Promise<PlainItem[]> {
  async function* input() {
    yield Buffer.from(text, 'latin1');
  }
  return collect(bai2Format.parse(input(), { sourceName: 'bank_bai2', ...options }));
}

async function collect(items: AsyncIterable<SourceItem>): Promise<PlainItem[]> {
  const out: PlainItem[] = [];
  for await (const item of items) out.push(plain(item));
  return out;
}
