import { resolve } from 'node:path';
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Environment } from '../../config/environment.js';

/** How long each kind of data is kept, in days (0: forever), and how often one replica sweeps. */
@Injectable()
export class RetentionSettings {
  readonly uploadDays: number;
  readonly reconStagingDays: number;
  readonly idempotencyKeyDays: number;
  readonly webhookAttemptDays: number;
  readonly sweepIntervalSeconds: number;
  readonly uploadDir: string;

  constructor(config: ConfigService<Environment, true>) {
    this.uploadDays = config.get('RETENTION_UPLOAD_DAYS', { infer: true });
    this.reconStagingDays = config.get('RETENTION_RECON_STAGING_DAYS', { infer: true });
    this.idempotencyKeyDays = config.get('RETENTION_IDEMPOTENCY_KEY_DAYS', { infer: true });
    this.webhookAttemptDays = config.get('RETENTION_WEBHOOK_ATTEMPT_DAYS', { infer: true });
    this.sweepIntervalSeconds = config.get('RETENTION_SWEEP_INTERVAL_SECONDS', { infer: true });
    this.uploadDir = resolve(config.get('RECON_UPLOAD_DIR', { infer: true }));
  }
}

const dayMilliseconds = 86_400_000;

/** The instant before which data kept `days` days is swept, or null when it is kept forever. */
export function cutoffOf(now: Date, days: number): Date | null {
  return days > 0 ? new Date(now.getTime() - days * dayMilliseconds) : null;
}
