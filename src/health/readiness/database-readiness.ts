import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Injectable } from '@nestjs/common';
import { HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { DataSource } from 'typeorm';
import { DatabaseUrl } from '../../database/database-url.js';

const pingTimeoutMs = 2_000;

/** Readiness of the database: reachable, every migration of this build applied, the embedded server alive. */
@Injectable()
export class DatabaseReadiness {
  constructor(
    private readonly typeOrm: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    private readonly dataSource: DataSource,
    private readonly databaseUrl: DatabaseUrl,
  ) {}

  reachable() {
    return this.typeOrm.pingCheck('database').withTimeout(pingTimeoutMs);
  }

  /** A replica started with MIGRATIONS_RUN=false must not take traffic before `migrate` has run. */
  migrated() {
    return this.indicators
      .check('migrations')
      .attempt(async () => {
        const applied: { name: string }[] = await this.dataSource.query(`SELECT name FROM ${this.dataSource.options.migrationsTableName ?? 'migrations'}`);
        const names = new Set(applied.map((row) => row.name));
        const pending = this.dataSource.migrations.map((migration) => migration.name ?? migration.constructor.name).filter((name) => !names.has(name));
        if (pending.length > 0) throw new Error(`pending: ${pending.join(', ')}`);
        return { applied: names.size };
      })
      .withTimeout(pingTimeoutMs);
  }

  /** Only when this process uses the embedded PostgreSQL: its postmaster (PID on the pid file's first line) is alive. */
  embeddedServer() {
    const dataDir = this.databaseUrl.embeddedDataDir;
    if (dataDir === undefined) return undefined;
    return this.indicators.check('embedded_postgres').attempt(async () => {
      const pid = Number((await readFile(join(dataDir, 'postmaster.pid'), 'utf8')).split('\n')[0]);
      process.kill(pid, 0); // throws when no such process
      return { data_dir: dataDir, pid };
    });
  }
}
