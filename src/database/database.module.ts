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

/** TypeORM on PostgreSQL (schema only through migrations, never `synchronize`). */
@Module({
  imports: [
    DatabaseUrlModule,
    TypeOrmModule.forRootAsync({
      inject: [DatabaseUrl, ConfigService],
      useFactory: async (databaseUrl: DatabaseUrl, config: ConfigService<Environment, true>) =>
        dataSourceOptions(await databaseUrl.resolve(), config.get('DATABASE_POOL_SIZE', { infer: true })),
    }),
  ],
  providers: [MigrationRunner],
})
export class DatabaseModule {}
