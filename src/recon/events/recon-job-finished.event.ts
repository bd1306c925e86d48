import type { IEvent } from '@nestjs/cqrs';
import type { ReconSummary } from '../domain/recon-job.js';

/** A reconciliation job ran to the end and wrote its logs and summary. */
export class ReconJobCompleted implements IEvent {
  readonly schemaVersion = 1;

  constructor(
    readonly jobId: string,
    readonly source: string,
    readonly businessDate: string,
    readonly summary: Readonly<ReconSummary>,
    readonly occurredAt: Date,
  ) {
    Object.freeze(this);
  }
}

/** A reconciliation job stopped with an error; its status is `failed` and `error` says why. */
export class ReconJobFailed implements IEvent {
  readonly schemaVersion = 1;

  constructor(
    readonly jobId: string,
    readonly source: string,
    readonly businessDate: string,
    readonly error: string,
    readonly occurredAt: Date,
  ) {
    Object.freeze(this);
  }
}
