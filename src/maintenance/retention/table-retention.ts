import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/**
 * Rows past their age, one DELETE per table. A daily sweep removes a day's rows, so each statement is short; the
 * idempotency keys have no index on created_at (the write path would pay for it on every posting), so that
 * DELETE scans the table once.
 */
@Injectable()
export class TableRetention {
  constructor(private readonly dataSource: DataSource) {}

  /** A retried request whose key was swept is a new request: it posts again. */
  async idempotencyKeys(cutoff: Date): Promise<number> {
    return this.deleted(`DELETE FROM idempotency_keys WHERE created_at < $1`, cutoff);
  }

  /** Attempts older than the cutoff, and finished deliveries (with what attempts they have left); never a pending delivery. */
  async webhookHistory(cutoff: Date): Promise<{ webhook_attempts: number; webhook_deliveries: number }> {
    const webhook_attempts = await this.deleted(`DELETE FROM webhook_attempts WHERE attempted_at < $1`, cutoff);
    const webhook_deliveries = await this.deleted(`DELETE FROM webhook_deliveries WHERE status <> 'pending' AND finished_at < $1`, cutoff);
    return { webhook_attempts, webhook_deliveries };
  }

  private async deleted(sql: string, cutoff: Date): Promise<number> {
    // TypeORM answers a DELETE on PostgreSQL with [returned rows, affected count].
    const [, count]: [unknown[], number] = await this.dataSource.query(sql, [cutoff]);
    return count;
  }
}
