import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Environment } from '../config/environment.js';
import type { EmbeddedDatabase } from './embedded-postgres.js';

/**
 * Resolves where the database is: DATABASE_URL when set, otherwise an embedded PostgreSQL in
 * EMBEDDED_POSTGRES_DIR (started, or reused when another Tally process already runs it).
 */
@Injectable()
export class DatabaseUrl implements OnApplicationShutdown {
  private readonly logger = new Logger('Database');
  private embedded?: EmbeddedDatabase;

  constructor(private readonly config: ConfigService<Environment, true>) {}

  async resolve(): Promise<string> {
    const configured = this.config.get('DATABASE_URL', { infer: true });
    if (configured) return configured;
    // Loaded only when needed: the binaries are an optional dependency, absent from the production image.
    const { ensureEmbeddedPostgres, EmbeddedPostgresError } = await import('./embedded-postgres.js');
    try {
      this.embedded ??= await ensureEmbeddedPostgres(this.config.get('EMBEDDED_POSTGRES_DIR', { infer: true }), (line) => this.logger.log(line));
    } catch (error) {
      if (!(error instanceof EmbeddedPostgresError)) throw error;
      // Nothing can run without a database, and the message already says what to do: one line, no stack.
      this.logger.fatal(error.message);
      Logger.flush();
      process.exit(1);
    }
    return this.embedded.url;
  }

  /** The embedded server's data directory when this process uses one (started or reused), else undefined. */
  get embeddedDataDir(): string | undefined {
    // Where the server really keeps it: as root that may not be the configured directory (see embedded-layout.ts).
    return this.embedded?.dataDir;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.embedded?.release();
  }
}
