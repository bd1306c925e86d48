import { Global, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { Environment } from '../config/environment.js';
import { dataSourceOptions } from './data-source-options.js';
import { DatabaseUrl } from './database-url.js';
import { MigrationRunner } from './migration-runner.js';

@Global()
@Module({ providers: [DatabaseUrl], exports: [DatabaseUrl] })
class DatabaseUrlModule {}

/**
 * How many times to try to connect, 3 s apart. Unset (the server), 10: it may start before its database. The CLI
 * provides 1, so a command reports a database that is down at once instead of after half a minute.
 */
export const DATABASE_CONNECT_ATTEMPTS = Symbol('DATABASE_CONNECT_ATTEMPTS');

/** TypeORM on PostgreSQL (schema only through migrations, never `synchronize`). */
@Module({
  imports: [
    DatabaseUrlModule,
    TypeOrmModule.forRootAsync({
      inject: [DatabaseUrl, ConfigService, { token: DATABASE_CONNECT_ATTEMPTS, optional: true }],
      useFactory: async (databaseUrl: DatabaseUrl, config: ConfigService<Environment, true>, connectAttempts?: number) => ({
        ...dataSourceOptions(await databaseUrl.resolve(), config.get('DATABASE_POOL_SIZE', { infer: true })),
        retryAttempts: connectAttempts ?? 10,
      }),
    }),
  ],
  providers: [MigrationRunner],
})
export class DatabaseModule {}
