import type { ReconJobRequest, ReconSummary } from './recon-job.js';

/**
 * What a finished job tells other systems, as webhook facts. Written in the job's own final transaction
 * (ReconJobRepository), so a fact exists exactly when the job's outcome committed. Type names never change.
 */
export interface ReconFact {
  readonly type: 'recon.job.completed' | 'recon.job.failed' | 'recon.unmatched_above_threshold';
  readonly payload: Record<string, unknown>;
}

/** A summary's counts as stored on the job row and sent in facts: snake_case, one place. */
export function countsOf(summary: ReconSummary) {
  return {
    external_total: summary.externalTotal,
    internal_total: summary.internalTotal,
    rejected_rows: summary.rejectedRows,
    matched_exact: summary.matchedExact,
    matched_fuzzy: summary.matchedFuzzy,
    unmatched_external: summary.unmatchedExternal,
    unmatched_internal: summary.unmatchedInternal,
  };
}

type JobIdentity = Pick<ReconJobRequest, 'jobId' | 'source' | 'businessDate' | 'trigger' | 'correlationId'>;

/** More unmatched records, both sides counted, than the alert threshold (RECON_UNMATCHED_ALERT_THRESHOLD). */
export function isAboveUnmatchedThreshold(summary: Pick<ReconSummary, 'unmatchedExternal' | 'unmatchedInternal'>, threshold: number): boolean {
  return summary.unmatchedExternal + summary.unmatchedInternal > threshold;
}

export function completedFacts(job: JobIdentity, summary: ReconSummary, threshold: number): ReconFact[] {
  const identity = identityOf(job);
  const counts = countsOf(summary);
  const completed: ReconFact = { type: 'recon.job.completed', payload: { ...identity, status: 'completed', counts, match_rate: Number(summary.matchRate) } };
  if (!isAboveUnmatchedThreshold(summary, threshold)) return [completed];
  const unmatched = summary.unmatchedExternal + summary.unmatchedInternal;
  return [
    completed,
    { type: 'recon.unmatched_above_threshold', payload: { ...identity, unmatched, unmatched_external: summary.unmatchedExternal, unmatched_internal: summary.unmatchedInternal, threshold } },
  ];
}

export function failedFacts(job: JobIdentity, error: string): ReconFact[] {
  return [{ type: 'recon.job.failed', payload: { ...identityOf(job), status: 'failed', error } }];
}

function identityOf(job: JobIdentity) {
  return { job_id: job.jobId, source: job.source, date: job.businessDate, trigger: job.trigger, correlation_id: job.correlationId };
}
