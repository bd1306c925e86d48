import { Module } from '@nestjs/common';
import { LedgerReplayModule } from '../ledger/ledger-replay.module.js';
import { MetricsModule } from '../observability/metrics/metrics.module.js';
import { MaintenanceMetrics } from './maintenance-metrics.js';
import { PERIODIC_JOBS } from './periodic-job.js';
import { PeriodicJobRunner } from './periodic-job-runner.js';
import { RetentionModule } from './retention/retention.module.js';
import { ScheduledRetention } from './retention/scheduled-retention.js';
import { ScheduledVerify } from './verify/scheduled-verify.js';

/** The server's periodic jobs, each run once per interval across the replicas: retention and verify. */
@Module({
  imports: [RetentionModule, LedgerReplayModule, MetricsModule],
  providers: [
    ScheduledRetention,
    ScheduledVerify,
    { provide: PERIODIC_JOBS, useFactory: (retention: ScheduledRetention, verify: ScheduledVerify) => [retention, verify], inject: [ScheduledRetention, ScheduledVerify] },
    PeriodicJobRunner,
    MaintenanceMetrics,
  ],
})
export class MaintenanceModule {}
