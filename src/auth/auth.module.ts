import { Module } from '@nestjs/common';
import { AdminAuditModule } from '../admin-audit/admin-audit.module.js';
import { MetricsModule } from '../observability/metrics/metrics.module.js';
import { ApiKeyCache } from './api-key-cache.js';
import { ApiKeyUsage } from './api-key-usage.js';
import { ApiKeyStore } from './api-key.store.js';
import { AuthSettings } from './auth-settings.js';
import { Authenticator } from './authenticator.js';
import { JwtVerifier } from './jwt-verifier.js';

/**
 * Credentials: API keys and JWTs. Shared by the API (whose AppModule installs AuthGuard globally) and the
 * CLI (which creates and revokes keys); the guard lives in AppModule so the CLI never logs about HTTP. So
 * does ApiKeyRevocations, which switches the key cache on: a CLI command always reads keys from the database.
 */
@Module({
  imports: [AdminAuditModule, MetricsModule],
  providers: [AuthSettings, { provide: ApiKeyCache, useFactory: () => new ApiKeyCache() }, ApiKeyUsage, ApiKeyStore, JwtVerifier, Authenticator],
  exports: [AuthSettings, ApiKeyCache, ApiKeyStore, Authenticator],
})
export class AuthModule {}
