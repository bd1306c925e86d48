import type pg from 'pg';
import { logReasonCodes } from '../../domain/log-reason-codes.js';
import { repeatedIdReason } from '../../domain/repeated-ids.js';

/**
 * Settles the ids a file repeats, in file order (`ordinal`), as settleRepeatedIds does for a preview: derived
 * keys of identical rows are numbered 1, 2, 3 (`keyBase` + n); a later row with a given id already used is
 * logged malformed_row, naming the first row's line, and leaves staging. Returns how many rows were rejected.
 *
 * Each statement is one window pass over the job's rows, then a lookup by ctid per repeat. Not "id IN (ids
 * with count > 1)": staging has no statistics yet when this runs, and with the table taken for empty the
 * planner re-ran that aggregate for every row (60,000 rows did not finish in ten minutes).
 */
export async function settleStagedIds(client: pg.PoolClient, jobId: string, derivedKeys: boolean): Promise<number> {
  if (derivedKeys) {
    await client.query(
      `UPDATE recon_staging s SET external_id = r.key_base || r.occurrence
         FROM (SELECT ctid AS row_id, key_base, row_number() OVER (PARTITION BY key_base ORDER BY ordinal) AS occurrence
                 FROM recon_staging WHERE job_id = $1 AND key_base IS NOT NULL) r
        WHERE r.occurrence > 1 AND s.ctid = r.row_id`,
      [jobId],
    );
  }
  const { rowCount } = await client.query(
    `WITH repeated AS (
       SELECT * FROM (
         SELECT ctid AS row_id, external_id, line, ordinal, first_value(line) OVER w AS first_line, row_number() OVER w AS occurrence
           FROM recon_staging WHERE job_id = $1
         WINDOW w AS (PARTITION BY external_id ORDER BY ordinal)) ranked
       WHERE occurrence > 1
     ), dropped AS (
       DELETE FROM recon_staging s USING repeated r WHERE s.ctid = r.row_id
       RETURNING r.external_id, r.line, r.first_line, r.ordinal
     )
     INSERT INTO recon_logs (job_id, side, external_line, matched, reason, reason_code)
     SELECT $1, 'external', line, false, 'line ' || coalesce(line, 0) || ': ' || format($2, external_id, coalesce(first_line, 0)), $3
       FROM dropped ORDER BY ordinal`,
    [jobId, repeatedIdReason('%s', '%s'), logReasonCodes.malformedRow],
  );
  return rowCount ?? 0;
}
