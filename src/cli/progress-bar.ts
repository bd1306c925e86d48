import { createReadStream, statSync } from 'node:fs';

/** Files smaller than this finish before a bar would be worth drawing. */
const largeFileBytesMin = 1_048_576;

/** Counts lines by scanning bytes, so the bar has a total without parsing the file twice. */
async function countLines(path: string): Promise<number> {
  let lines = 0;
  for await (const chunk of createReadStream(path)) for (const byte of chunk as Buffer) if (byte === 10) lines++;
  return lines;
}

/**
 * A progress bar on stderr for large files when stderr is a terminal; otherwise undefined, so pipes and
 * CI logs get only the final summary.
 */
export async function progressBarFor(path: string | undefined): Promise<((rows: number) => void) | undefined> {
  if (!path || !process.stderr.isTTY) return undefined;
  let size = 0;
  try {
    size = statSync(path).size;
  } catch {
    return undefined;
  }
  if (size < largeFileBytesMin) return undefined;
  const total = Math.max(1, (await countLines(path)) - 1);
  return (rows: number) => {
    const ratio = Math.min(1, rows / total);
    const filled = Math.round(ratio * 30);
    process.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(30 - filled)}] ${(ratio * 100).toFixed(0).padStart(3)}% ${rows}/${total} rows`);
    if (ratio >= 1) process.stderr.write('\n');
  };
}
