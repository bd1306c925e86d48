import type pg from 'pg';
import { sourceLockKeySql, type ClaimingJob } from './claims.js';
import { keyOrder } from './staged-sides.js';

/**
 * In the transaction that completes the job, after claimMatches (which released the superseded job's claims
 * and set aside records other live jobs hold): claims every group whole, then logs it and the targets whose
 * search was ambiguous or cut. A group with any member another job holds is dropped whole (never half a group);
 * its records are then logged by the usual unmatched logging. Serialised per source, like pair claims.
 */
export async function settleGroups(client: pg.PoolClient, job: ClaimingJob, ruleName: string): Promise<void> {
  await claimGroups(client, job);
  await logGroups(client, job.jobId, ruleName);
}

async function claimGroups(client: pg.PoolClient, job: ClaimingJob): Promise<void> {
  await client.query(`SELECT pg_advisory_xact_lock(${sourceLockKeySql})`, [job.source]);
  await client.query(
    `DELETE FROM recon_staging_groups d WHERE d.job_id = $1 AND d.group_id IN (
       SELECT g.group_id FROM recon_staging_groups g JOIN recon_claims c ON c.source = $2 AND (c.external_id = g.external_id OR c.transfer_id = g.transfer_id)
       WHERE g.job_id = $1 AND g.group_id IS NOT NULL)`,
    [job.jobId, job.source],
  );
  // No ON CONFLICT: the check above ran under the source's lock, so a conflict here is a bug, and the unique
  // constraints refuse it rather than let a record be claimed twice.
  await client.query(
    `INSERT INTO recon_claims (source, job_id, transfer_id, external_id, group_id)
     SELECT $2, $1, transfer_id, external_id, group_id FROM recon_staging_groups WHERE job_id = $1 AND group_id IS NOT NULL`,
    [job.jobId, job.source],
  );
}

/**
 * One log row per claim row (each record once): matched, match_type 'group', reason_code matched_group, the
 * group's rule name and id, the sentence naming the members and their sum. Then the targets whose search was
 * ambiguous or cut, unmatched with that code; the unmatched logging skips every record named here.
 */
async function logGroups(client: pg.PoolClient, jobId: string, ruleName: string): Promise<void> {
  await client.query(
    `INSERT INTO recon_logs (job_id, side, external_id, external_line, internal_transfer_id, internal_reference, matched, match_type,
                             amount_diff, currency, external_amount, internal_amount, reason, reason_code, rule, group_id)
     SELECT $1, CASE WHEN g.external_id IS NULL THEN 'internal' ELSE 'external' END, e.external_id, e.line, l.transfer_id, NULLIF(l.reference, ''),
            g.group_id IS NOT NULL, CASE WHEN g.group_id IS NOT NULL THEN 'group' END,
            g.amount_diff, COALESCE(e.currency, l.currency), e.amount, l.amount, g.reason, g.reason_code,
            CASE WHEN g.group_id IS NOT NULL THEN $2 END, g.group_id
     FROM recon_staging_groups g
     LEFT JOIN recon_staging e ON e.job_id = $1 AND e.external_id = g.external_id
     LEFT JOIN recon_staging_ledger l ON l.job_id = $1 AND l.transfer_id = g.transfer_id
     WHERE g.job_id = $1 AND e.claimed_by IS NULL AND l.claimed_by IS NULL
     ORDER BY g.group_id IS NULL, g.group_id, ${keyOrder('g.external_id')}, g.transfer_id`,
    [jobId, ruleName],
  );
}
