import { Decimal } from '../../common/money/decimal.js';
import type { ReconRecord } from './recon-record.js';
import type { SourceItem } from './recon-source.js';
import { repeatedIdReason, settleRepeatedIds } from './repeated-ids.js';

const record = (key: string, line: number, keyBase?: string): SourceItem => ({
  kind: 'record',
  record: { side: 'external', key, reference: 'R', amount: new Decimal('1.00'), currency: 'EUR', occurredAt: new Date('2025-07-13T09:00:00Z'), line, ...(keyBase && { keyBase }) } as ReconRecord,
});

async function settle(items: SourceItem[]): Promise<string[]> {
  async function* source() {
    yield* items;
  }
  const out: string[] = [];
  for await (const item of settleRepeatedIds(source())) {
    out.push(item.kind === 'record' ? `${item.record.line}:${item.record.key}` : item.kind === 'rejected' ? `${item.line}!${item.reason}` : item.kind);
  }
  return out;
}

describe('settleRepeatedIds (a preview; a job does the same in staging)', () => {
  it('keeps the first row of a given id and rejects every later one, naming the first line', async () => {
    expect(await settle([record('B1', 2), record('B2', 3), record('B1', 4), record('B1', 9)])).toEqual([
      '2:B1',
      '3:B2',
      "4!id 'B1' is already used on line 2",
      "9!id 'B1' is already used on line 2",
    ]);
  });

  it('numbers identical rows of derived keys in file order, each base on its own', async () => {
    expect(await settle([record('h1:1', 2, 'h1:'), record('h2:1', 3, 'h2:'), record('h1:1', 4, 'h1:'), record('h1:1', 5, 'h1:')])).toEqual(['2:h1:1', '3:h2:1', '4:h1:2', '5:h1:3']);
  });

  it('passes rejections and other items through in place', async () => {
    const rejected: SourceItem = { kind: 'rejected', line: 3, reason: 'bad amount' };
    expect(await settle([record('B1', 2), rejected, record('B1', 4)])).toEqual(['2:B1', '3!bad amount', "4!id 'B1' is already used on line 2"]);
  });

  it('words the reason as the job log does', () => {
    expect(repeatedIdReason('X-1', 7)).toBe("id 'X-1' is already used on line 7");
  });
});
