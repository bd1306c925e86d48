import { once } from 'node:events';
import { createWriteStream, existsSync, mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import type { ColumnMapping } from '../../src/recon/domain/recon-source.js';
import { benchDays, benchPair, dayIndexOf, decimalOfCents } from './recon-dataset.js';

/** A bank export of the data set's first `days` business days: one line per index of those days. */
export interface BenchCsvFile {
  path: string;
  rows: number;
  from: string;
  to: string;
}

export const csvHeader = 'txn_id,description,amount,currency,date';

/** How the bench source reads the files (the bank_csv mapping of config/recon-sources.json). */
export const benchCsvMapping: ColumnMapping = { id: 'txn_id', reference: 'description', amount: 'amount', currency: 'currency', timestamp: 'date', dateFormat: 'YYYY-MM-DD HH:mm:ss' };

const pad = (n: number) => String(n).padStart(2, '0');
function bankTime(ms: number): string {
  const at = new Date(ms);
  return `${at.getUTCFullYear()}-${pad(at.getUTCMonth() + 1)}-${pad(at.getUTCDate())} ${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())}:${pad(at.getUTCSeconds())}`;
}

/**
 * Writes (or reuses, the name carries seed, N and days) the file for the first `days` days. Lines are in
 * index order, which is day order; a file is written under a temporary name first, so a killed run never
 * leaves a truncated file that a later run would reuse.
 */
export async function benchCsvFile(directory: string, seed: number, total: number, days: number): Promise<BenchCsvFile> {
  let rows = 0;
  while (rows < total && dayIndexOf(rows, total) < days) rows++;
  const file = { path: join(directory, `bank-seed${seed}-n${total}-days${days}.csv`), rows, from: benchDays[0], to: benchDays[days - 1] };
  if (existsSync(file.path)) return file;
  mkdirSync(directory, { recursive: true });
  const partial = `${file.path}.partial`;
  const out = createWriteStream(partial);
  let chunk = `${csvHeader}\n`;
  for (let index = 0; index < rows; index++) {
    const { external } = benchPair(seed, index, total);
    chunk += `${external.id},${external.reference},${decimalOfCents(external.cents)},USD,${bankTime(external.bookedAtMs)}\n`;
    if (chunk.length > 1 << 20 || index === rows - 1) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end();
  await once(out, 'finish');
  renameSync(partial, file.path);
  return file;
}
