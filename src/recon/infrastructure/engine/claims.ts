import type pg from 'pg';
import { isUniqueViolationOf } from '../../../database/database-errors.js';
import { logReasonCodes } from '../../domain/log-reason-codes.js';

/**
 * The job as claims see it: matches are claimed per source, and a job supersedes the one of its exact period
 * and account scope (two scopes of one source are two reconciliations, not a rerun).
 */
export interface ClaimingJob {
  readonly jobId: string;
  readonly source: string;
  readonly accountId: string | null;
  readonly periodFrom: string;
  readonly periodTo: string;
}

/** The advisory lock key of a source (its name as parameter $1), shared by every per-source lock; hashtextextended is stable. */
export const sourceLockKeySql = `hashtextextended('recon:source:' || $1::text, 0)`;

/**
 * Sets aside, before matching, the records a live job of another period already claimed (a job of the same
 * period is about to be superseded, so its claims do not count).
 */
export async function markClaimedElsewhere(client: pg.PoolClient, job: ClaimingJob): Promise<void> {
  const params = [job.jobId, job.source, job.periodFrom, job.periodTo, job.accountId];
  // The other periods' jobs first (a handful, by index), then their claims: joining the source's claims to
  // staging before filtering by job read every claim of the source, this job's own included once it has
  // claimed (0.5 s a side at 200k, for nothing when no other period holds any).
  const otherPeriod = `c.source = $2 AND c.job_id IN (SELECT j.id FROM recon_jobs j
    WHERE j.source = $2 AND NOT (j.period_from = $3 AND j.period_to = $4 AND j.account_id IS NOT DISTINCT FROM $5::uuid))`;
  await client.query(`UPDATE recon_staging s SET claimed_by = c.job_id FROM recon_claims c WHERE s.job_id = $1 AND c.external_id = s.external_id AND ${otherPeriod}`, params);
  await client.query(`UPDATE recon_staging_ledger s SET claimed_by = c.job_id FROM recon_claims c WHERE s.job_id = $1 AND c.transfer_id = s.transfer_id AND ${otherPeriod}`, params);
}

/**
 * In the transaction that completes the job: supersede the live job of the same source and period (its claims
 * are released), then claim this job's matches. The unique constraints decide: a pair one of whose records
 * another job holds is not matched, and that record is set aside as claimed. Serialised per source.
 */
export async function claimMatches(client: pg.PoolClient, job: ClaimingJob): Promise<void> {
  const params = [job.jobId, job.source, job.periodFrom, job.periodTo, job.accountId];
  await client.query(`SELECT pg_advisory_xact_lock(${sourceLockKeySql})`, [job.source]);
  await client.query(
    `WITH previous AS (
       UPDATE recon_jobs SET superseded_by = $1
       WHERE source = $2 AND period_from = $3 AND period_to = $4 AND account_id IS NOT DISTINCT FROM $5::uuid
         AND id <> $1 AND status = 'completed' AND superseded_by IS NULL
       RETURNING id
     )
     DELETE FROM recon_claims WHERE job_id IN (SELECT id FROM previous)`,
    params,
  );
  // Usually every match is claimed: a conflict needs another period's job to have claimed one of these records
  // after this job set such records aside. So the claims go in by a plain INSERT (a third cheaper than
  // ON CONFLICT's speculative insertion, which probes both unique indexes before each row), and only when a
  // unique constraint refuses one is it redone under ON CONFLICT DO NOTHING and the unclaimed pairs dropped.
  await client.query('SAVEPOINT recon_claim_all');
  try {
    await client.query(`INSERT INTO recon_claims (source, job_id, transfer_id, external_id) SELECT $2, $1, transfer_id, external_id FROM recon_staging_matches WHERE job_id = $1`, params.slice(0, 2));
    await client.query('RELEASE SAVEPOINT recon_claim_all');
  } catch (error) {
    if (!claimTaken(error)) throw error;
    await client.query('ROLLBACK TO SAVEPOINT recon_claim_all');
    await claimWhatIsFree(client, job);
  }
  await markClaimedElsewhere(client, job);
}

/**
 * Claims the matches nobody holds and drops the others, with a hashed NOT IN: recon_claims' statistics do not
 * know this transaction's rows, and the planner, believing the job has none, once ran the per-match probe of a
 * NOT EXISTS as a scan of the job's claims (quadratic: 9 minutes at 100k matches).
 */
async function claimWhatIsFree(client: pg.PoolClient, job: ClaimingJob): Promise<void> {
  await client.query(
    `INSERT INTO recon_claims (source, job_id, transfer_id, external_id) SELECT $2, $1, transfer_id, external_id FROM recon_staging_matches WHERE job_id = $1
     ON CONFLICT DO NOTHING`,
    [job.jobId, job.source],
  );
  await client.query(
    `DELETE FROM recon_staging_matches m WHERE m.job_id = $1
     AND m.external_id NOT IN (SELECT c.external_id FROM recon_claims c WHERE c.source = $2 AND c.job_id = $1)`,
    [job.jobId, job.source],
  );
}

const claimTaken = (error: unknown) => isUniqueViolationOf(error, 'recon_claims_transfer_once') || isUniqueViolationOf(error, 'recon_claims_external_once');

/** Records another live job claimed: logged as counterpart_taken, naming that job, and counted nowhere here. */
export async function logClaimedElsewhere(client: pg.PoolClient, jobId: string): Promise<void> {
  const claimedBy = `' is already matched by job ' || j.id || ' (' || to_char(j.period_from, 'YYYY-MM-DD') || ' .. ' || to_char(j.period_to, 'YYYY-MM-DD') || ')'`;
  await client.query(
    `INSERT INTO recon_logs (job_id, side, external_id, external_line, matched, currency, external_amount, reason, reason_code)
     SELECT $1, 'external', s.external_id, s.line, false, s.currency, s.amount, 'external record ' || s.external_id || ${claimedBy}, $2
     FROM recon_staging s JOIN recon_jobs j ON j.id = s.claimed_by WHERE s.job_id = $1
     ORDER BY s.line, s.external_id`,
    [jobId, logReasonCodes.counterpartTaken],
  );
  await client.query(
    `INSERT INTO recon_logs (job_id, side, internal_transfer_id, internal_reference, matched, currency, internal_amount, reason, reason_code)
     SELECT $1, 'internal', l.transfer_id, NULLIF(l.reference, ''), false, l.currency, l.amount,
            'transfer ' || COALESCE(NULLIF(l.reference, '') || ' (' || l.transfer_id || ')', l.transfer_id::text) || ${claimedBy}, $2
     FROM recon_staging_ledger l JOIN recon_jobs j ON j.id = l.claimed_by WHERE l.job_id = $1
     ORDER BY l.occurred_at, l.transfer_id`,
    [jobId, logReasonCodes.counterpartTaken],
  );
}
