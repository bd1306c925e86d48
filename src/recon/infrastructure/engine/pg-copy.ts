import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { copyLine, type CopyValue } from './copy-text.js';

/** Rows per COPY statement: large enough to amortise the round trip, small enough to keep memory flat. */
export const copyBatchRows = 5_000;

/** Sends `rows` with one `COPY ... FROM STDIN` (text format), as one chunk: a message per row costs more than the row. */
export async function copyRows(client: pg.PoolClient, copySql: string, rows: readonly (readonly CopyValue[])[]): Promise<void> {
  if (rows.length === 0) return;
  await pipeline(Readable.from([rows.map(copyLine).join('')]), client.query(copyFrom(copySql)));
}

/** Collects rows and copies them `copyBatchRows` at a time, so a caller can push rows one by one. */
export class CopyBatcher {
  private rows: (readonly CopyValue[])[] = [];
  written = 0;

  constructor(
    private readonly client: pg.PoolClient,
    private readonly copySql: string,
  ) {}

  async push(row: readonly CopyValue[]): Promise<void> {
    this.rows.push(row);
    if (this.rows.length >= copyBatchRows) await this.flush();
  }

  async flush(): Promise<void> {
    const rows = this.rows;
    this.rows = [];
    await copyRows(this.client, this.copySql, rows);
    this.written += rows.length;
  }
}
