import type pg from 'pg';
import type { ReconLogRow } from '../../domain/recon-job.js';
import type { CopyValue } from './copy-text.js';
import { CopyBatcher } from './pg-copy.js';

const logCopySql = `COPY recon_logs (job_id, side, external_id, external_line, internal_transfer_id, internal_reference, matched, match_type, score,
  amount_diff, time_diff_minutes, currency, external_amount, internal_amount, reason, reason_code) FROM STDIN`;

/** Log rows of one job, written with COPY in batches. */
export class LogCopy {
  private readonly batcher: CopyBatcher;

  constructor(
    client: pg.PoolClient,
    private readonly jobId: string,
  ) {
    this.batcher = new CopyBatcher(client, logCopySql);
  }

  get written(): number {
    return this.batcher.written;
  }

  push(row: ReconLogRow): Promise<void> {
    const values: CopyValue[] = [
      this.jobId, row.side, row.externalId, row.externalLine, row.internalTransferId, row.internalReference, row.matched, row.matchType, row.score,
      row.amountDiff, row.timeDiffMinutes, row.currency, row.externalAmount, row.internalAmount, row.reason, row.reasonCode,
    ];
    return this.batcher.push(values);
  }

  flush(): Promise<void> {
    return this.batcher.flush();
  }
}
