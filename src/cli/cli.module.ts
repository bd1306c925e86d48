import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { CqrsModule } from '@nestjs/cqrs';
import { AuthModule } from '../auth/auth.module.js';
import { validateEnvironment } from '../config/environment.js';
import { DatabaseModule } from '../database/database.module.js';
import { LedgerModule } from '../ledger/ledger.module.js';
import { ReconModule } from '../recon/recon.module.js';
import { RunReconCliCommand } from './commands/run-recon.command.js';
import { ReconSampleSeeder } from './seed/recon-sample-seeder.js';
import { RebuildProjectionsCommand } from './commands/rebuild-projections.command.js';
import { VerifyCommand } from './commands/verify.command.js';
import { MigrateCommand } from './commands/migrate.command.js';
import { CreateApiKeyCommand } from './commands/create-api-key.command.js';
import { RevokeApiKeyCommand } from './commands/revoke-api-key.command.js';
import { SeedCommand } from './commands/seed.command.js';
import { LedgerSeeder } from './seed/ledger-seeder.js';

/** The same modules as the API, without HTTP: commands go through the same CommandBus and QueryBus. */
@Module({
  imports: [ConfigModule.forRoot({ isGlobal: true, cache: true, validate: validateEnvironment }), CqrsModule.forRoot(), DatabaseModule, LedgerModule, ReconModule, AuthModule],
  providers: [LedgerSeeder, ReconSampleSeeder, SeedCommand, MigrateCommand, RebuildProjectionsCommand, RunReconCliCommand, VerifyCommand, CreateApiKeyCommand, RevokeApiKeyCommand],
})
export class CliModule {}
