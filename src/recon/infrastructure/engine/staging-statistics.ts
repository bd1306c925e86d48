import type pg from 'pg';

/**
 * Fresh planner statistics for the staged sides. Autovacuum never analyzes UNLOGGED tables right after a
 * COPY, so without this the planner believes each side holds one row and joins a million rows with a
 * nested loop (the 1M benchmark spent 92 s in the exact join; analyzed, the same join is a hash join). ANALYZE
 * samples a bounded number of rows, so it costs a fraction of a second whatever the job's size.
 */
export async function analyzeStagedSides(client: pg.PoolClient): Promise<void> {
  await client.query('ANALYZE recon_staging, recon_staging_ledger');
}

/**
 * Fresh statistics for the job's matches, after each assignment round, for the statements that join all of
 * them (the next round's anti-joins, the rules' blocking, the matched log rows, the unmatched records, the
 * summary). Statistics outlive a job: without this the planner judged this job's matches by another job's
 * (or by none) and, at 1M, joined each of 936,000 matches to both sides by an index probe instead of hashing.
 */
export async function analyzeMatches(client: pg.PoolClient): Promise<void> {
  await client.query('ANALYZE recon_staging_matches');
}
