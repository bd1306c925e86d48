import type { Queryable } from '../../database/unit-of-work.js';
import { chunksOf, readAuditLog, type AuditRow } from './audit-log-reader.js';
import { LedgerAudit } from './ledger-audit.js';

const ranges = (genesis: number, last: number, size: number) => [...chunksOf(BigInt(genesis), BigInt(last), BigInt(size))].map((chunk) => `${chunk.after}-${chunk.upTo}${chunk.chained ? ' chained' : ''}`);

/** A connection that answers each chunk with one line per position in it, after a random delay, and may fail one chunk. */
function fakeReader(failAfter?: bigint): Queryable {
  return {
    query: async (sql: string, parameters: string[] = []) => {
      if (sql.includes('max(position)')) return [{ last: '100' }];
      const [after, upTo] = parameters.map(BigInt);
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 5));
      if (after === failAfter) throw new Error(`chunk after ${after} failed`);
      const positions = Array.from({ length: Number(upTo - after) }, (_, index) => after + BigInt(index) + 1n);
      return [{ lines: positions.map((position) => [position, 's', '1', sql.includes("'chain'") ? 'chained' : 'block', '', '', '', '', '', ''].join('\x1f')).join('\n') }];
    },
  } as unknown as Queryable;
}

describe('readAuditLog', () => {
  it('cuts the log in chunks of one hash scheme each', () => {
    expect(ranges(10, 40, 16)).toEqual(['0-10 chained', '10-26', '26-40']);
    expect(ranges(0, 40, 16)).toEqual(['0-16', '16-32', '32-40']);
    expect(ranges(40, 40, 16)).toEqual(['0-16 chained', '16-32 chained', '32-40 chained']);
    expect(ranges(16, 20, 16)).toEqual(['0-16 chained', '16-20']);
    expect(ranges(0, 0, 16)).toEqual([]);
  });

  it('feeds every event once, in position order, whatever order the readers answer in', async () => {
    const seen: AuditRow[] = [];
    await readAuditLog([fakeReader(), fakeReader(), fakeReader()], '25', (row) => seen.push(row), 7n);
    expect(seen.map((row) => Number(row[0]))).toEqual(Array.from({ length: 100 }, (_, index) => index + 1));
    expect(seen.filter((row) => row[3] === 'chained')).toHaveLength(25);
  });

  it('leaves no value holding a line break or a separator without a finding, even one forging a whole event', async () => {
    const account = 'aaaaaaaa-0000-4000-8000-000000000001';
    const forged = ['2', account, '2', 'AccountCredited', '5', '5', 'USD', 't', account, ''].join('\x1f');
    const lines = [['1', account, '1', 'AccountOpened', 'true', '', `USD\n${forged}\nX`, '', '', ''].join('\x1f')].join('\n');
    const reader = { query: async (sql: string) => (sql.includes('max(position)') ? [{ last: '1' }] : [{ lines }]) } as unknown as Queryable;
    const audit = new LedgerAudit();
    await readAuditLog([reader], '0', (row) => audit.next(row));
    expect(audit.findings.map((finding) => finding.message)).toContain('event 1: read as 7 columns, not 10');
  });

  it("fails with a chunk's error, after folding the chunks before it", async () => {
    const seen: string[] = [];
    await expect(readAuditLog([fakeReader(56n), fakeReader(56n)], '0', (row) => seen.push(row[0]), 8n)).rejects.toThrow('chunk after 56 failed');
    expect(seen).toHaveLength(56);
  });
});
