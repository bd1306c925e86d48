import { Injectable } from '@nestjs/common';
import { ofType, Saga, type IEvent } from '@nestjs/cqrs';
import { filter, map, merge, type Observable } from 'rxjs';
import { AlertUnreconciledCommand } from '../commands/alert-unreconciled/alert-unreconciled.command.js';
import { ReconJobCompleted, ReconJobFailed } from '../events/recon-job-finished.event.js';

/** A finished job that leaves anything unmatched, or a failed job, becomes an alert. */
@Injectable()
export class UnreconciledSaga {
  @Saga()
  unreconciled = (events$: Observable<IEvent>): Observable<AlertUnreconciledCommand> =>
    merge(
      events$.pipe(
        ofType(ReconJobCompleted),
        filter(({ summary }) => summary.unmatchedExternal + summary.unmatchedInternal > 0),
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
