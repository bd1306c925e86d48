import { EventsHandler, type IEventHandler } from '@nestjs/cqrs';
import { Counter } from 'prom-client';
import { ReconJobCompleted, ReconJobFailed } from '../../recon/events/recon-job-finished.event.js';
import { MetricsRegistry } from './metrics-registry.js';

/** Counts the reconciliation jobs this process finished, and the records they matched by rule. */
@EventsHandler(ReconJobCompleted, ReconJobFailed)
export class ReconMetricsHandler implements IEventHandler<ReconJobCompleted | ReconJobFailed> {
  private readonly jobs: Counter<'source' | 'status'>;
  private readonly matched: Counter<'source' | 'rule'>;

  constructor({ registry }: MetricsRegistry) {
    this.jobs = new Counter({ name: 'tally_recon_jobs_total', help: 'Reconciliation jobs finished by this process, by source and status', labelNames: ['source', 'status'], registers: [registry] });
    this.matched = new Counter({ name: 'tally_recon_records_matched_total', help: 'Records matched by completed jobs, by source and rule', labelNames: ['source', 'rule'], registers: [registry] });
  }

  handle(event: ReconJobCompleted | ReconJobFailed): void {
    if (event instanceof ReconJobFailed) {
      this.jobs.inc({ source: event.source, status: 'failed' });
      return;
    }
    this.jobs.inc({ source: event.source, status: 'completed' });
    this.matched.inc({ source: event.source, rule: 'exact' }, event.summary.matchedExact);
    this.matched.inc({ source: event.source, rule: 'fuzzy' }, event.summary.matchedFuzzy);
    // External records matched in groups; a source without groups never shows the series.
    if (event.summary.matchedGroupExternal > 0) this.matched.inc({ source: event.source, rule: 'group' }, event.summary.matchedGroupExternal);
  }
}
