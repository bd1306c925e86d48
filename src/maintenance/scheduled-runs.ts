import { hostname } from 'node:os';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** This process, as `scheduled_runs.holder` and in logs: enough for an operator to find the replica. */
export const thisProcess = `${hostname()}:${process.pid}`;

export interface RunRecord {
  job: string;
  holder: string;
  started_at: Date;
  finished_at: Date | null;
  ok: boolean | null;
  result: Record<string, unknown> | null;
}

/**
 * `scheduled_runs`: one row per periodic job. Every replica asks to `claim` a due job; the claim is one statement
 * that takes the row only when its last run started at least `intervalSeconds` ago (or never), so exactly one
 * replica runs each period, whichever replicas start, stop or restart in between. A run that dies midway is
 * claimed again one interval after it started. The last finished run's result stays until the next one finishes,
 * so the metrics read from it never go blank during a run.
 */
@Injectable()
export class ScheduledRuns {
  constructor(private readonly dataSource: DataSource) {}

  async claim(job: string, intervalSeconds: number, holder: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `INSERT INTO scheduled_runs (job, holder, started_at) VALUES ($1, $2, clock_timestamp())
       ON CONFLICT (job) DO UPDATE SET holder = EXCLUDED.holder, started_at = EXCLUDED.started_at
       WHERE scheduled_runs.started_at <= clock_timestamp() - make_interval(secs => $3)
       RETURNING job`,
      [job, holder, intervalSeconds],
    );
    return rows.length === 1;
  }

  async finish(job: string, holder: string, ok: boolean, result: Record<string, unknown>): Promise<void> {
    await this.dataSource.query(`UPDATE scheduled_runs SET finished_at = clock_timestamp(), ok = $3, result = $4 WHERE job = $1 AND holder = $2`, [job, holder, ok, JSON.stringify(result)]);
  }

  async last(job: string): Promise<RunRecord | undefined> {
    const [row]: RunRecord[] = await this.dataSource.query(`SELECT job, holder, started_at, finished_at, ok, result FROM scheduled_runs WHERE job = $1`, [job]);
    return row;
  }
}
