import type { DataSourceOptions } from 'typeorm';
import { migrations } from '../../migrations/index.js';

/** The one place that says how Tally talks to PostgreSQL; used by the app, the CLI and the tests. */
export function dataSourceOptions(url: string, poolSize: number): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    // No entities: every query is SQL written for its purpose (the write path's two statements, the readers').
    entities: [],
    migrations,
    migrationsTableName: 'schema_migrations',
    synchronize: false,
    migrationsRun: false,
    extra: { max: poolSize, connectionTimeoutMillis: 10_000 },
  };
}
