import { Injectable } from '@nestjs/common';
import { DomainError } from '../common/errors/domain-error.js';
import { ReconSettings } from './recon-settings.js';

/**
 * At most RECON_JOBS_CONCURRENCY_MAX jobs run at once in this process: each holds a database connection
 * and a share of the server's work, and the API must stay responsive. A start beyond that is refused, not
 * queued, so the caller knows at once and can retry.
 */
@Injectable()
export class ReconJobSlots {
  private running = 0;

  constructor(private readonly settings: ReconSettings) {}

  take(): void {
    if (this.running >= this.settings.jobsConcurrencyMax) {
      throw new DomainError('RECON_JOBS_BUSY', 'conflict', `${this.running} reconciliation jobs are running, the most this server runs at once; try again when one has finished`);
    }
    this.running += 1;
  }

  give(): void {
    this.running -= 1;
  }
}
