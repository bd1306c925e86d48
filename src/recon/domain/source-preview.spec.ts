import { Decimal } from '../../common/money/decimal.js';
import type { SourceItem } from './recon-source.js';
import { previewSource } from './source-preview.js';

async function* items(list: SourceItem[]): AsyncGenerator<SourceItem> {
  yield* list;
}

const record = (key: string, amount: string): SourceItem => ({
  kind: 'record',
  record: { side: 'external', key, reference: key, amount: new Decimal(amount), currency: 'EUR', occurredAt: new Date('2025-03-03T00:00:00Z'), direction: 'credit', statementKey: 's' },
});

describe('previewSource', () => {
  it('keeps the first records and rejections, counts them all, and checks the statement against the one on record', async () => {
    const preview = await previewSource(
      items([
        { kind: 'dialect', dialect: { format: 'mt940' } },
        record('a', '1'), { kind: 'rejected', line: 3, reason: 'amount: missing' }, record('b', '2'), record('c', '3'),
        { kind: 'rejected', line: 5, reason: 'booking date: missing' },
        { kind: 'statement', statement: { key: 's', account: 'DE1', currency: 'EUR', opening: { amount: new Decimal(10), date: '2025-03-02' }, closing: { amount: new Decimal(16), date: '2025-03-03' }, location: 'line 1' } },
      ]),
      async () => new Map([['s', { account: 'DE1', currency: 'EUR', openingAmount: null, openingDate: null, closingAmount: new Decimal(9), closingDate: '2025-03-02' }]]),
      { records: 2, rejected: 1 },
    );
    expect(preview.dialect).toEqual({ format: 'mt940' });
    expect(preview.records.map((r) => r.key)).toEqual(['a', 'b']);
    expect(preview.recordsTotal).toBe(3);
    expect(preview.rejected).toEqual([{ line: 3, reason: 'amount: missing' }]);
    expect(preview.rejectedTotal).toBe(2);
    expect(preview.statements.map((s) => [s.key, s.net.toFixed(), s.entries])).toEqual([['s', '6', 3]]);
    expect(preview.findings.map((f) => f.code)).toEqual(['statement_gap']);
  });
});
