import { Module } from '@nestjs/common';
import { LedgerMetrics } from './ledger-metrics.js';
import { MetricsRegistry } from './metrics-registry.js';

/**
 * The registry and the counters the modules' command handlers increment. Imported by those modules (so
 * the CLI, which runs the same handlers, gets them too); one instance per application.
 */
@Module({
  providers: [MetricsRegistry, LedgerMetrics],
  exports: [MetricsRegistry, LedgerMetrics],
})
export class MetricsModule {}
