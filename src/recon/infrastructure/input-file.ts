import { closeSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { DomainError } from '../../common/errors/domain-error.js';
import type { ReconSource } from '../domain/recon-source.js';
import { sniffBytes, sniffFileFormat } from './statements/statement-formats.js';

/** Refuses at once (400 RECON_FORMAT_MISMATCH) a file whose first bytes show a format the source cannot read. */
export function assertFileFormat(source: ReconSource, path: string): void {
  const problem = fileFormatProblem(source, path);
  if (problem !== undefined) throw new DomainError('RECON_FORMAT_MISMATCH', 'validation', `file: ${problem}`, [{ field: 'file', message: problem }]);
}

/** The source's own check of the first bytes, else: a text source (CSV) refuses statement and binary files. */
function fileFormatProblem(source: ReconSource, path: string): string | undefined {
  const head = readHead(path);
  // Unreadable now (permissions): the job will fail with the reading error, which says more than a guess.
  if (head === undefined) return undefined;
  if (source.checkFile) return source.checkFile(head);
  const format = sniffFileFormat(head);
  return format === undefined ? undefined : `${source.name} reads delimited text, but this file looks like ${format}`;
}

function readHead(path: string): Buffer | undefined {
  let descriptor: number;
  try {
    descriptor = openSync(path, 'r');
  } catch {
    return undefined;
  }
  try {
    const head = Buffer.alloc(sniffBytes);
    return head.subarray(0, readSync(descriptor, head, 0, sniffBytes, 0));
  } finally {
    closeSync(descriptor);
  }
}


/** A file to read must exist and be a regular file (reading a directory fails with EISDIR, a FIFO blocks). */
export function requireRegularFile(path: string): void {
  const kind = statOrUndefined(path);
  if (!kind) throw new DomainError('RECON_FILE_NOT_FOUND', 'validation', `file_path: no file at ${path}`, [{ field: 'file_path', message: 'no such file' }]);
  if (!kind.isFile()) throw new DomainError('RECON_FILE_NOT_FOUND', 'validation', `file_path: ${path} is not a regular file`, [{ field: 'file_path', message: 'not a regular file' }]);
}

/** Any failure to look (no such file, a name too long, a component that is not a directory) is "no file". */
function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}
