import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DataSource } from 'typeorm';
import type { Environment } from '../config/environment.js';
import { runMigrations } from './run-migrations.js';

/** Applies pending migrations when the app starts, unless MIGRATIONS_RUN=false. */
@Injectable()
export class MigrationRunner implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  async onModuleInit(): Promise<void> {
    if (!this.config.get('MIGRATIONS_RUN', { infer: true })) return;
    const applied = await runMigrations(this.dataSource);
    if (applied.length > 0) new Logger('Database').log(`Applied migrations: ${applied.join(', ')}`);
  }
}
