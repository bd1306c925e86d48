import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { EventBus } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock.js';
import { describeForLog } from '../common/http/error-log.js';
import { failedFacts } from './domain/recon-facts.js';
import { ReconJobFailed } from './events/recon-job-finished.event.js';
import { SourceLease } from './infrastructure/engine/source-lease.js';
import { dropStaging } from './infrastructure/engine/summary-sql.js';
import { ReconJobRepository } from './infrastructure/recon-job-repository.js';

const abandonedMessage = 'the process running the job stopped before it finished; run it again';

/**
 * Fails the jobs whose process died: at the next start of a job of their source, and when a process starts.
 * Liveness is the source's advisory lock (SourceLease): a job still pending or running while its source's
 * lock is free has no runner left. Its staging rows are deleted and any claims released (a job claims only
 * in the transaction that completes it, so there should be none).
 */
@Injectable()
export class ReconJobRecovery implements OnApplicationBootstrap {
  private readonly logger = new Logger('Recon');

  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: ReconJobRepository,
    private readonly eventBus: EventBus,
    private readonly clock: Clock,
  ) {}

  /** The caller holds `lease`, so every unfinished job of its source is abandoned. */
  async failAbandoned(lease: SourceLease): Promise<void> {
    for (const job of await this.repository.abandonedJobs(lease.source)) {
      await dropStaging(lease.client, job.jobId);
      await lease.client.query(`DELETE FROM recon_claims WHERE job_id = $1`, [job.jobId]);
      await this.repository.fail(job.jobId, abandonedMessage, failedFacts(job, abandonedMessage));
      this.logger.warn(`job ${job.jobId} (${job.source}, ${job.businessDate}) was abandoned by its process: marked failed`);
      this.eventBus.publish(new ReconJobFailed(job.jobId, job.source, job.businessDate, abandonedMessage, this.clock.now()));
    }
  }

  async onApplicationBootstrap(): Promise<void> {
    try {
      for (const source of await this.repository.sourcesWithUnfinishedJobs()) {
        const lease = await SourceLease.acquire(this.dataSource, source, false);
        if (lease === undefined) continue; // a live job of the source holds it
        try {
          await this.failAbandoned(lease);
        } finally {
          await lease.release();
        }
      }
    } catch (error) {
      // A start must not fail over housekeeping; the next job of the source checks again.
      this.logger.error(describeForLog(error));
    }
  }
}
