import { Module, type OnModuleInit } from '@nestjs/common';
import { collectDefaultMetrics } from 'prom-client';
import { DatabaseMetrics } from './database-metrics.js';
import { MetricsController } from './metrics.controller.js';
import { MetricsRegistry } from './metrics-registry.js';
import { MetricsModule } from './metrics.module.js';
import { ReconMetricsHandler } from './recon-metrics.handler.js';

/** The server's side of metrics: GET /metrics, Node's process metrics, the database gauges and the recon counters. */
@Module({
  imports: [MetricsModule],
  controllers: [MetricsController],
  providers: [DatabaseMetrics, ReconMetricsHandler],
})
export class MetricsHttpModule implements OnModuleInit {
  constructor(private readonly metrics: MetricsRegistry) {}

  onModuleInit(): void {
    collectDefaultMetrics({ register: this.metrics.registry });
  }
}
