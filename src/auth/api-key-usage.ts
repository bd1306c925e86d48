import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DataSource } from 'typeorm';
import type { Environment } from '../config/environment.js';

/**
 * `api_keys.last_used_at`, written off the request path: a request only notes its key id in memory, and the
 * ids noted are written in one UPDATE at most every API_KEY_LAST_USED_FLUSH_SECONDS, and at shutdown. So the
 * column is as coarse as that interval, and a crash loses at most one interval of it.
 */
@Injectable()
export class ApiKeyUsage implements OnApplicationShutdown {
  private readonly logger = new Logger('ApiKeys');
  private readonly intervalMs: number;
  /** Key id -> when it was last used (ms since the epoch). */
  private pending = new Map<string, number>();
  private timer?: NodeJS.Timeout;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly dataSource: DataSource,
    config: ConfigService<Environment, true>,
  ) {
    this.intervalMs = config.get('API_KEY_LAST_USED_FLUSH_SECONDS', { infer: true }) * 1000;
  }

  record(id: string): void {
    this.pending.set(id, Date.now());
    this.schedule();
  }

  /** Writes what has been noted; resolves once it is written (or has failed and been kept for the next try). */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.writing = this.writing.then(() => this.write());
    return this.writing;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.flush();
  }

  private schedule(): void {
    // Unref'd: a pending write never keeps a finished process alive; shutdown writes it instead.
    this.timer ??= setTimeout(() => void this.flush(), this.intervalMs).unref();
  }

  private async write(): Promise<void> {
    if (this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = new Map();
    try {
      await this.dataSource.query(
        `UPDATE api_keys AS k SET last_used_at = u.at
           FROM unnest($1::uuid[], $2::timestamptz[]) AS u(id, at)
          WHERE k.id = u.id AND (k.last_used_at IS NULL OR k.last_used_at < u.at)`,
        [[...batch.keys()], [...batch.values()].map((ms) => new Date(ms))],
      );
    } catch (error) {
      this.logger.warn(`last_used_at of ${batch.size} API key(s) not written, retrying later: ${error instanceof Error ? error.message : String(error)}`);
      for (const [id, at] of batch) if (!this.pending.has(id)) this.pending.set(id, at);
      if (this.dataSource.isInitialized) this.schedule();
    }
  }
}
