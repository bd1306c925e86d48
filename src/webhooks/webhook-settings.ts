import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Environment } from '../config/environment.js';
import type { BackoffSchedule } from './domain/backoff.js';

/** The webhook settings, read once at start (see the README's configuration table). */
@Injectable()
export class WebhookSettings {
  readonly allowPrivateUrls: boolean;
  readonly dispatchIntervalMs: number;
  readonly timeoutMs: number;
  readonly attemptsMax: number;
  readonly backoff: BackoffSchedule;

  constructor(config: ConfigService<Environment, true>) {
    this.allowPrivateUrls = config.get('WEBHOOK_ALLOW_PRIVATE_URLS', { infer: true });
    this.dispatchIntervalMs = config.get('WEBHOOK_DISPATCH_INTERVAL_MS', { infer: true });
    this.timeoutMs = config.get('WEBHOOK_TIMEOUT_MS', { infer: true });
    this.attemptsMax = config.get('WEBHOOK_ATTEMPTS_MAX', { infer: true });
    this.backoff = { baseMs: config.get('WEBHOOK_RETRY_BASE_MS', { infer: true }), capMs: config.get('WEBHOOK_RETRY_MAX_MS', { infer: true }) };
  }
}
