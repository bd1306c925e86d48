import type { DataSourceOptions } from 'typeorm';
import { migrations } from '../../migrations/index.js';
import { ledgerEntities } from '../ledger/infrastructure/entities/index.js';

/** The one place that says how Tally talks to PostgreSQL; used by the app, the CLI and the tests. */
export function dataSourceOptions(url: string, poolSize: number): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: [...ledgerEntities],
    migrations,
    migrationsTableName: 'schema_migrations',
    synchronize: false,
    migrationsRun: false,
    extra: { max: poolSize, connectionTimeoutMillis: 10_000 },
  };
}
