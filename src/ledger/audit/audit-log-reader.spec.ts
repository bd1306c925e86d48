import type { Queryable } from '../../database/unit-of-work.js';
import { chunksOf, jsonString, readAuditLog, type AuditRow } from './audit-log-reader.js';

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

  it("fails with a chunk's error, after folding the chunks before it", async () => {
    const seen: string[] = [];
    await expect(readAuditLog([fakeReader(56n), fakeReader(56n)], '0', (row) => seen.push(row[0]), 8n)).rejects.toThrow('chunk after 56 failed');
    expect(seen).toHaveLength(56);
  });
});

describe('jsonString', () => {
  it('reads JSON string literals only', () => {
    expect(jsonString('"USD"')).toBe('USD');
    expect(jsonString('"a\\nb\\u001f"')).toBe('a\nb\x1f');
    expect(jsonString('"\\"x"')).toBe('"x');
    for (const json of ['', 'null', '5', 'true', '{"a": 1}', '["x"]']) expect(jsonString(json)).toBeUndefined();
  });
});
