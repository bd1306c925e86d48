import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '../../common/clock.js';
import { cutoffOf, RetentionSettings } from './retention-settings.js';
import { TableRetention } from './table-retention.js';
import { UploadRetention } from './upload-retention.js';

export interface SweepReport {
  uploads: number;
  recon_staging: number;
  idempotency_keys: number;
  webhook_attempts: number;
  webhook_deliveries: number;
}

/**
 * Removes what is past its age: uploaded recon files (RETENTION_UPLOAD_DAYS), recon staging (RETENTION_RECON_STAGING_DAYS:
 * uploads no job refers to; recon v2's staging tables will join this), Idempotency-Key records
 * (RETENTION_IDEMPOTENCY_KEY_DAYS) and webhook attempts with finished deliveries (RETENTION_WEBHOOK_ATTEMPT_DAYS).
 * Append-only records (events, recon logs and summaries, admin audit, webhook outbox) are never swept.
 */
@Injectable()
export class RetentionSweeper {
  private readonly logger = new Logger('Retention');

  constructor(
    private readonly settings: RetentionSettings,
    private readonly uploads: UploadRetention,
    private readonly tables: TableRetention,
    private readonly clock: Clock,
  ) {}

  async sweep(): Promise<SweepReport> {
    const now = this.clock.now();
    const files = await this.uploads.sweep(this.settings.uploadDir, { used: cutoffOf(now, this.settings.uploadDays), staging: cutoffOf(now, this.settings.reconStagingDays) });
    const keysCutoff = cutoffOf(now, this.settings.idempotencyKeyDays);
    const webhooksCutoff = cutoffOf(now, this.settings.webhookAttemptDays);
    const report: SweepReport = {
      ...files,
      idempotency_keys: keysCutoff ? await this.tables.idempotencyKeys(keysCutoff) : 0,
      ...(webhooksCutoff ? await this.tables.webhookHistory(webhooksCutoff) : { webhook_attempts: 0, webhook_deliveries: 0 }),
    };
    this.logger.log(`swept ${Object.entries(report).map(([target, count]) => `${target} ${count}`).join(', ')}`);
    return report;
  }
}
