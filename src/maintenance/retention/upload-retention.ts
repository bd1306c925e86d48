import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** Uploads are stored as `<uuid>.csv` (src/recon/api/upload-receiver.ts); nothing else in the directory is touched. */
const uploadName = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.csv$/;

export interface UploadCutoffs {
  /** Files a job reconciled: the evidence of what was reconciled. */
  used: Date | null;
  /** Recon staging today: files no job refers to (a run refused, or interrupted, after its upload was stored). */
  staging: Date | null;
}

/**
 * Sweeps RECON_UPLOAD_DIR by each file's modification time. Whether a job used a file is decided by its name
 * (its upload id) among the jobs' parameters, not by the directory it was in, so moving RECON_UPLOAD_DIR never
 * turns evidence into "staging".
 */
@Injectable()
export class UploadRetention {
  constructor(private readonly dataSource: DataSource) {}

  async sweep(directory: string, cutoffs: UploadCutoffs): Promise<{ uploads: number; recon_staging: number }> {
    const swept = { uploads: 0, recon_staging: 0 };
    if (!cutoffs.used && !cutoffs.staging) return swept;
    const files = await this.oldFiles(directory, [cutoffs.used, cutoffs.staging]);
    if (files.length === 0) return swept;
    const used = await this.usedNames(files.map((file) => file.name));
    for (const file of files) {
      const cutoff = used.has(file.name) ? cutoffs.used : cutoffs.staging;
      if (!cutoff || file.modified >= cutoff) continue;
      await rm(join(directory, file.name), { force: true });
      swept[used.has(file.name) ? 'uploads' : 'recon_staging'] += 1;
    }
    return swept;
  }

  /** Upload files older than the later of the cutoffs (none can be swept otherwise); none when the directory does not exist. */
  private async oldFiles(directory: string, cutoffs: (Date | null)[]): Promise<{ name: string; modified: Date }[]> {
    const latest = Math.max(...cutoffs.map((cutoff) => cutoff?.getTime() ?? Number.NEGATIVE_INFINITY));
    let names: string[];
    try {
      names = (await readdir(directory)).filter((name) => uploadName.test(name));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const files = await Promise.all(names.map(async (name) => ({ name, modified: (await stat(join(directory, name))).mtime })));
    return files.filter((file) => file.modified.getTime() < latest);
  }

  private async usedNames(names: string[]): Promise<Set<string>> {
    const rows: { name: string }[] = await this.dataSource.query(
      `SELECT DISTINCT substring(parameters->>'file_path' from '[0-9a-f-]{36}\\.csv$') AS name FROM recon_jobs
       WHERE substring(parameters->>'file_path' from '[0-9a-f-]{36}\\.csv$') = ANY ($1::text[])`,
      [names],
    );
    return new Set(rows.map((row) => row.name));
  }
}
