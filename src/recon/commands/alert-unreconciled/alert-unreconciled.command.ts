import { Command } from '@nestjs/cqrs';

/** Tell operators that a job left records unmatched, or failed, so the day is not silently unreconciled. */
export class AlertUnreconciledCommand extends Command<void> {
  constructor(
    readonly jobId: string,
    readonly source: string,
    readonly businessDate: string,
    /** Why: counts of unmatched records, or the job's error. */
    readonly detail: string,
  ) {
    super();
  }
}
