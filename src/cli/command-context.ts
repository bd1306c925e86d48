import { Global, type INestApplicationContext, type LoggerService, Module, type ModuleMetadata } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { NestFactory } from '@nestjs/core';
import { validateEnvironment } from '../config/environment.js';
import { DATABASE_CONNECT_ATTEMPTS, DatabaseModule } from '../database/database.module.js';

/** A command is run by someone waiting for it: a database that is down is reported at the first attempt. */
@Global()
@Module({ providers: [{ provide: DATABASE_CONNECT_ATTEMPTS, useValue: 1 }], exports: [DATABASE_CONNECT_ATTEMPTS] })
class CommandSettingsModule {}

/**
 * Boots the Nest application context one command needs (configuration and the database, plus `needs`), runs
 * `work` in it and closes it. Only a command's job module imports this, so `--help` never loads TypeORM or
 * the ledger and never touches the database. `logger` replaces the default (errors and warnings only).
 */
export async function withCommandContext<T>(
  needs: Pick<ModuleMetadata, 'imports' | 'providers'>,
  work: (context: INestApplicationContext) => Promise<T>,
  logger: LoggerService | false = false,
): Promise<T> {
  const context = await NestFactory.createApplicationContext(
    {
      imports: [ConfigModule.forRoot({ isGlobal: true, cache: true, validate: validateEnvironment }), CommandSettingsModule, DatabaseModule, ...(needs.imports ?? [])],
      providers: needs.providers ?? [],
    },
    // Errors (bad configuration, database unreachable) reach the CLI's error handler instead of aborting.
    { logger: logger || ['error', 'warn'], abortOnError: false },
  );
  try {
    return await work(context);
  } finally {
    await context.close();
  }
}
