import type request from 'supertest';
import { eventually } from './poll.js';

/** Polls a reconciliation job until it has completed or failed, and returns its body. */
export function jobFinished(http: () => ReturnType<typeof request>, jobId: string, timeoutMs?: number) {
  return eventually(async () => {
    const job = await http().get(`/recon/jobs/${jobId}`).expect(200);
    return ['completed', 'failed'].includes(job.body.status) ? job.body : undefined;
  }, timeoutMs);
}
