import { Injectable, Logger } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { DataSource } from 'typeorm';
import { MetricsRegistry } from './metrics-registry.js';

interface PgPool {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

/**
 * Gauges read when /metrics is scraped: the connection pool, and from the database the event log's head
 * and the age of each source's last completed reconciliation (the same in every replica: take max() or
 * any one when aggregating). A scrape while the database is down leaves the database's gauges out.
 */
@Injectable()
export class DatabaseMetrics {
  private readonly logger = new Logger('Metrics');

  constructor(
    { registry }: MetricsRegistry,
    private readonly dataSource: DataSource,
  ) {
    const pool = () => (this.dataSource.driver as unknown as { master?: PgPool }).master;
    new Gauge({
      name: 'tally_db_pool_connections_in_use',
      help: 'Connections of this process checked out of the pool',
      registers: [registry],
      collect() {
        const current = pool();
        this.set(current ? current.totalCount - current.idleCount : 0);
      },
    });
    new Gauge({
      name: 'tally_db_pool_requests_waiting',
      help: 'Queries of this process waiting for a free connection',
      registers: [registry],
      collect() {
        this.set(pool()?.waitingCount ?? 0);
      },
    });
    const query = (sql: string) => this.query(sql);
    new Gauge({
      name: 'tally_event_log_head_position',
      help: 'Position of the newest event in the event log',
      registers: [registry],
      async collect() {
        this.reset();
        const rows = await query('SELECT coalesce(max(position), 0)::text AS head FROM events');
        if (rows) this.set(Number(rows[0].head));
      },
    });
    new Gauge({
      name: 'tally_recon_seconds_since_last_success',
      help: 'Seconds since the last completed reconciliation job of each source',
      labelNames: ['source'],
      registers: [registry],
      async collect() {
        this.reset();
        const rows = await query(
          `SELECT source, extract(epoch FROM clock_timestamp() - max(finished_at))::float8 AS seconds FROM recon_jobs WHERE status = 'completed' GROUP BY source`,
        );
        for (const row of rows ?? []) this.set({ source: row.source }, Number(row.seconds));
      },
    });
  }

  private async query(sql: string): Promise<Record<string, string>[] | undefined> {
    try {
      return await this.dataSource.query(sql);
    } catch (error) {
      this.logger.warn(`metrics from the database left out: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
  }
}
