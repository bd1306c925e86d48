import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { CqrsModule } from '@nestjs/cqrs';
import { validateEnvironment } from './config/environment.js';
import { DatabaseModule } from './database/database.module.js';
import { HealthController } from './health/health.controller.js';
import { LedgerModule } from './ledger/ledger.module.js';
import { ReconModule } from './recon/recon.module.js';
import { ReconSchedulerModule } from './recon/scheduler/recon-scheduler.module.js';

@Module({
  imports: [
    ConfigModule.forRoot({ isGlobal: true, cache: true, validate: validateEnvironment }),
    CqrsModule.forRoot(),
    DatabaseModule,
    LedgerModule,
    ReconModule,
    ReconSchedulerModule,
  ],
  controllers: [HealthController],
})
export class AppModule {}
