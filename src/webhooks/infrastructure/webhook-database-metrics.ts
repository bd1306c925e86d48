import { Injectable, Logger } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { DataSource } from 'typeorm';
import { MetricsRegistry } from '../../observability/metrics/metrics-registry.js';

/**
 * Webhook gauges read from the database when /metrics is scraped, the same on every replica: subscriptions by
 * status, and per subscription the age of the oldest fact it has not been sent (0 when it is up to date). The age
 * keeps growing while a subscription is paused or no replica dispatches.
 */
@Injectable()
export class WebhookDatabaseMetrics {
  private readonly logger = new Logger('Metrics');

  constructor({ registry }: MetricsRegistry, dataSource: DataSource) {
    const query = async (sql: string): Promise<Record<string, string>[] | undefined> => {
      try {
        return await dataSource.query(sql);
      } catch (error) {
        this.logger.warn(`webhook metrics left out: ${error instanceof Error ? error.message : String(error)}`);
        return undefined;
      }
    };
    new Gauge({
      name: 'tally_webhook_subscriptions',
      help: 'Webhook subscriptions by status (active, paused, deleted)',
      labelNames: ['status'],
      registers: [registry],
      async collect() {
        this.reset();
        const rows = await query(`SELECT s.status, count(w.id)::int AS count FROM unnest(ARRAY['active', 'paused', 'deleted']) AS s (status)
                                  LEFT JOIN webhook_subscriptions w ON w.status = s.status GROUP BY s.status`);
        for (const row of rows ?? []) this.set({ status: row.status }, Number(row.count));
      },
    });
    new Gauge({
      name: 'tally_webhook_backlog_seconds',
      help: 'Per subscription (not deleted): seconds since the oldest fact it has not been sent was queued or recorded; 0 when up to date',
      labelNames: ['subscription'],
      registers: [registry],
      async collect() {
        this.reset();
        const rows = await query(`
          SELECT s.id, coalesce(extract(epoch FROM clock_timestamp() - least(
                   (SELECT min(d.created_at) FROM webhook_deliveries d WHERE d.subscription_id = s.id AND d.status = 'pending'),
                   (SELECT o.created_at FROM webhook_outbox o WHERE o.id > s.recon_position ORDER BY o.id LIMIT 1),
                   CASE WHEN 'transfer.posted' = ANY (s.event_types)
                        THEN (SELECT t.created_at FROM transfers t WHERE t.position > s.ledger_position ORDER BY t.position LIMIT 1) END
                 )), 0)::float8 AS seconds
          FROM webhook_subscriptions s WHERE s.status <> 'deleted'`);
        for (const row of rows ?? []) this.set({ subscription: row.id }, Math.max(0, Number(row.seconds)));
      },
    });
  }
}
