import { Injectable } from '@nestjs/common';
import { ofType, Saga, type IEvent } from '@nestjs/cqrs';
import { filter, map, merge, type Observable } from 'rxjs';
import { AlertUnreconciledCommand } from '../commands/alert-unreconciled/alert-unreconciled.command.js';
import { isAboveUnmatchedThreshold } from '../domain/recon-facts.js';
import { ReconJobCompleted, ReconJobFailed } from '../events/recon-job-finished.event.js';
import { ReconSettings } from '../recon-settings.js';

/**
 * A completed job with more unmatched records than RECON_UNMATCHED_ALERT_THRESHOLD, or a failed job, becomes an
 * alert: the same rule that writes the recon.unmatched_above_threshold and recon.job.failed webhook facts.
 */
@Injectable()
export class UnreconciledSaga {
  constructor(private readonly settings: ReconSettings) {}

  @Saga()
  unreconciled = (events$: Observable<IEvent>): Observable<AlertUnreconciledCommand> =>
    merge(
      events$.pipe(
        ofType(ReconJobCompleted),
        filter(({ summary }) => isAboveUnmatchedThreshold(summary, this.settings.unmatchedAlertThreshold)),
        map(({ jobId, source, businessDate, summary }) =>
          new AlertUnreconciledCommand(jobId, source, businessDate, `${summary.unmatchedExternal} external and ${summary.unmatchedInternal} ledger records unmatched`),
        ),
      ),
      events$.pipe(
        ofType(ReconJobFailed),
        map(({ jobId, source, businessDate, error }) => new AlertUnreconciledCommand(jobId, source, businessDate, `job failed: ${error}`)),
      ),
    );
}
