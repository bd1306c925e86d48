import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { APP_GUARD } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { ApiKeyRevocations } from './auth/api-key-revocations.js';
import { AuthGuard } from './auth/auth.guard.js';
import { AuthModule } from './auth/auth.module.js';
import { PrincipalRateLimitGuard } from './common/http/rate-limit/principal-rate-limit.guard.js';
import { validateEnvironment } from './config/environment.js';
import { DatabaseModule } from './database/database.module.js';
import { HealthModule } from './health/health.module.js';
import { MetricsHttpModule } from './observability/metrics/metrics-http.module.js';
import { LedgerModule } from './ledger/ledger.module.js';
import { ReconModule } from './recon/recon.module.js';
import { ReconSchedulerModule } from './recon/scheduler/recon-scheduler.module.js';
import { WebhooksModule } from './webhooks/webhooks.module.js';
import { MaintenanceModule } from './maintenance/maintenance.module.js';

@Module({
  imports: [
    ConfigModule.forRoot({ isGlobal: true, cache: true, validate: validateEnvironment }),
    CqrsModule.forRoot(),
    DatabaseModule,
    AuthModule,
    LedgerModule,
    ReconModule,
    ReconSchedulerModule,
    HealthModule,
    MetricsHttpModule,
    WebhooksModule,
    MaintenanceModule,
  ],
  // Global, so every route is checked; AuthGuard refuses routes that declare neither @Public() nor
  // @RequireScope(). It runs first, so the second limit counts per authenticated principal (the first, per
  // client address, runs before routing: common/http/rate-limit/address-rate-limit.ts).
  providers: [
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_GUARD, useClass: PrincipalRateLimitGuard },
    // The server's API key cache follows revocations from every replica (docs/auth.md).
    ApiKeyRevocations,
  ],
})
export class AppModule {}
