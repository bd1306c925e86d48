import { webhookEventTypes } from '../../webhooks/domain/event-types.js';
import { completedFacts, failedFacts } from './recon-facts.js';
import type { ReconSummary } from './recon-job.js';

const job = { jobId: 'j1', source: 'bank_csv', businessDate: '2025-07-13', trigger: 'schedule' as const, correlationId: null };
const summary = (unmatchedExternal: number, unmatchedInternal: number): ReconSummary => ({
  externalTotal: 10, internalTotal: 9, rejectedRows: 0, matchedExact: 8, matchedFuzzy: 1, matchedGroups: 0, matchedGroupExternal: 0, matchedGroupInternal: 0, unmatchedExternal, unmatchedInternal, matchRate: '0.9000', amounts: {},
});

describe('recon facts for webhooks', () => {
  it('a completed job: recon.job.completed, plus recon.unmatched_above_threshold above the threshold only', () => {
    expect(completedFacts(job, summary(1, 0), 1).map((fact) => fact.type)).toEqual(['recon.job.completed']);
    const [completed, alert] = completedFacts(job, summary(1, 1), 1);
    expect(completed.payload).toMatchObject({ job_id: 'j1', source: 'bank_csv', date: '2025-07-13', status: 'completed', match_rate: 0.9, counts: { unmatched_external: 1, unmatched_internal: 1 } });
    expect(alert).toEqual({ type: 'recon.unmatched_above_threshold', payload: expect.objectContaining({ job_id: 'j1', unmatched: 2, unmatched_external: 1, unmatched_internal: 1, threshold: 1 }) });
  });

  it('a failed job: recon.job.failed with its error; every type is one a subscription can ask for', () => {
    const facts = [...failedFacts(job, 'no file'), ...completedFacts(job, summary(3, 0), 0)];
    expect(facts[0]).toEqual({ type: 'recon.job.failed', payload: expect.objectContaining({ status: 'failed', error: 'no file' }) });
    for (const fact of facts) expect(webhookEventTypes).toContain(fact.type);
  });
});
