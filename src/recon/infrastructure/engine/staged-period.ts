import type pg from 'pg';
import { logReasonCodes } from '../../domain/log-reason-codes.js';
import { outOfPeriodReason } from '../../domain/recon-job.js';

/**
 * Logs the staged rows dated outside the job's period as out_of_period and takes them out of staging. They
 * were staged with the rest so that an id they repeat is settled with the others (staged-ids.ts) first.
 * Returns how many there were.
 */
export async function logOutOfPeriodRecords(client: pg.PoolClient, jobId: string, period: { readonly from: string; readonly to: string }): Promise<number> {
  const { rowCount } = await client.query(
    `WITH outside AS (
       DELETE FROM recon_staging WHERE job_id = $1 AND outside_date IS NOT NULL
       RETURNING external_id, line, currency, amount, outside_date, ordinal
     )
     INSERT INTO recon_logs (job_id, side, external_id, external_line, matched, currency, external_amount, reason, reason_code)
     SELECT $1, 'external', external_id, line, false, currency, amount, format($2, to_char(outside_date, 'YYYY-MM-DD')), $3
       FROM outside ORDER BY ordinal`,
    [jobId, outOfPeriodReason('%s', period), logReasonCodes.outOfPeriod],
  );
  return rowCount ?? 0;
}
