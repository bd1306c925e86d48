import type pg from 'pg';
import { Decimal } from '../../../common/money/decimal.js';
import type { ReconSummary } from '../../domain/recon-job.js';

/**
 * The job's summary, counted by the database from its staging tables. Rejected rows count as external
 * records that stayed unmatched, as before; ledger transfers of the margins count only when this job matched them;
 * records another live job claimed count in that job only, so summed summaries count each record once.
 * matchedFuzzy counts every match not made by an exact rule: tolerance matches count with the fuzzy ones
 * (the log's reason_code matched_tolerance and its rule tell them apart). Records matched in groups count as
 * matched on their own side (a line paying three transfers is one external and three internal records matched),
 * so match_rate and the unmatched counts include them; matched_exact and matched_fuzzy stay counts of pairs.
 */
export async function summarizeJob(client: pg.PoolClient, jobId: string, rejectedRows: number): Promise<ReconSummary> {
  const { rows: [counts] } = await client.query<{ external: string; internal: string; exact: string; fuzzy: string; groups: string; group_external: string; group_internal: string }>(
    `SELECT (SELECT count(*) FROM recon_staging WHERE job_id = $1 AND claimed_by IS NULL) AS external,
            (SELECT count(*) FROM recon_staging_ledger l WHERE job_id = $1 AND claimed_by IS NULL AND (in_period
               OR EXISTS (SELECT 1 FROM recon_staging_matches m WHERE m.job_id = $1 AND m.transfer_id = l.transfer_id))) AS internal,
            (SELECT count(*) FROM recon_staging_matches WHERE job_id = $1 AND match_type = 'exact') AS exact,
            (SELECT count(*) FROM recon_staging_matches WHERE job_id = $1 AND match_type <> 'exact') AS fuzzy,
            (SELECT count(DISTINCT group_id) FROM recon_staging_groups WHERE job_id = $1 AND group_id IS NOT NULL) AS groups,
            (SELECT count(external_id) FROM recon_staging_groups WHERE job_id = $1 AND group_id IS NOT NULL) AS group_external,
            (SELECT count(transfer_id) FROM recon_staging_groups WHERE job_id = $1 AND group_id IS NOT NULL) AS group_internal`,
    [jobId],
  );
  const { rows: sums } = await client.query<{ currency: string; field: 'external' | 'internal' | 'matched_external'; total: string }>(
    `SELECT currency, 'external' AS field, sum(amount)::text AS total FROM recon_staging WHERE job_id = $1 AND claimed_by IS NULL GROUP BY currency
     UNION ALL
     SELECT currency, 'internal', sum(amount)::text FROM recon_staging_ledger l WHERE job_id = $1 AND claimed_by IS NULL AND (in_period
       OR EXISTS (SELECT 1 FROM recon_staging_matches m WHERE m.job_id = $1 AND m.transfer_id = l.transfer_id)) GROUP BY currency
     UNION ALL
     SELECT e.currency, 'matched_external', sum(e.amount)::text FROM recon_staging_matches m
       JOIN recon_staging e ON e.job_id = $1 AND e.external_id = m.external_id WHERE m.job_id = $1 GROUP BY e.currency
     UNION ALL
     SELECT e.currency, 'matched_external', sum(e.amount)::text FROM recon_staging_groups g
       JOIN recon_staging e ON e.job_id = $1 AND e.external_id = g.external_id WHERE g.job_id = $1 AND g.group_id IS NOT NULL GROUP BY e.currency
     ORDER BY 2, 1`,
    [jobId],
  );
  const amounts: ReconSummary['amounts'] = {};
  const seen = new Set<string>();
  for (const { currency, field, total } of sums) {
    amounts[currency] ??= { external: '0', internal: '0', matched_external: '0' };
    // matched_external may come twice (pairs, then groups): added up, a single total kept as the database wrote it.
    const key = `${currency} ${field}`;
    amounts[currency][field] = seen.has(key) ? new Decimal(amounts[currency][field]).plus(total).toFixed() : new Decimal(total).toFixed();
    seen.add(key);
  }
  const [external, internal, matchedExact, matchedFuzzy, matchedGroups, matchedGroupExternal, matchedGroupInternal] = [
    counts.external, counts.internal, counts.exact, counts.fuzzy, counts.groups, counts.group_external, counts.group_internal,
  ].map(Number);
  const pairs = matchedExact + matchedFuzzy;
  const matched = pairs + matchedGroupExternal;
  const usable = external + rejectedRows;
  return {
    externalTotal: usable,
    internalTotal: internal,
    rejectedRows,
    matchedExact,
    matchedFuzzy,
    matchedGroups,
    matchedGroupExternal,
    matchedGroupInternal,
    unmatchedExternal: usable - matched,
    unmatchedInternal: internal - pairs - matchedGroupInternal,
    matchRate: usable === 0 ? '0.0000' : new Decimal(matched).div(usable).toFixed(4),
    amounts,
  };
}

/** Staging is scratch space: whatever the outcome, a job's rows go when it ends. */
export async function dropStaging(client: pg.PoolClient, jobId: string): Promise<void> {
  for (const table of ['recon_staging', 'recon_staging_ledger', 'recon_staging_candidates', 'recon_staging_matches', 'recon_staging_groups']) {
    await client.query(`DELETE FROM ${table} WHERE job_id = $1`, [jobId]);
  }
}
