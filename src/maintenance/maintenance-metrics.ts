import { Injectable, Logger } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { DataSource } from 'typeorm';
import { MetricsRegistry } from '../observability/metrics/metrics-registry.js';

interface LastRun {
  job: string;
  finished: string | null;
  ok: boolean | null;
  result: Record<string, unknown> | null;
}

/**
 * The last finished run of each periodic job, read from `scheduled_runs` at scrape time: every replica reports the
 * same values, whichever ran the job. A job that never finished is left out (alert on its absence).
 */
@Injectable()
export class MaintenanceMetrics {
  private readonly logger = new Logger('Metrics');

  constructor({ registry }: MetricsRegistry, dataSource: DataSource) {
    const lastRun = async (job: string): Promise<LastRun | undefined> => {
      try {
        const [row]: LastRun[] = await dataSource.query(
          `SELECT job, extract(epoch FROM finished_at)::float8::text AS finished, ok, result FROM scheduled_runs WHERE job = $1 AND finished_at IS NOT NULL`,
          [job],
        );
        return row;
      } catch (error) {
        this.logger.warn(`maintenance metrics left out: ${error instanceof Error ? error.message : String(error)}`);
        return undefined;
      }
    };
    const gauge = (name: string, help: string, job: string, value: (run: LastRun) => number | undefined) =>
      new Gauge({
        name,
        help,
        registers: [registry],
        async collect() {
          this.reset();
          const run = await lastRun(job);
          const measured = run && value(run);
          if (measured !== undefined && Number.isFinite(measured)) this.set(measured);
        },
      });
    gauge('tally_ledger_verify_ok', '1 when the last scheduled verify found the log and projections whole, 0 when it had findings or failed', 'verify', (run) => (run.ok ? 1 : 0));
    gauge('tally_ledger_verify_findings', 'Findings of the last scheduled verify (0 when whole)', 'verify', (run) => (typeof run.result?.findings === 'number' ? run.result.findings : undefined));
    gauge('tally_ledger_verify_last_finished_timestamp_seconds', 'When the last scheduled verify finished (Unix seconds)', 'verify', (run) => Number(run.finished));
    gauge('tally_retention_last_sweep_timestamp_seconds', 'When the last retention sweep finished (Unix seconds)', 'retention', (run) => Number(run.finished));
    new Gauge({
      name: 'tally_retention_swept',
      help: 'Files and rows the last retention sweep removed, by target',
      labelNames: ['target'],
      registers: [registry],
      async collect() {
        this.reset();
        const run = await lastRun('retention');
        for (const [target, count] of Object.entries(run?.result ?? {})) if (typeof count === 'number') this.set({ target }, count);
      },
    });
  }
}
