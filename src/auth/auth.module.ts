import { Module } from '@nestjs/common';
import { AdminAuditModule } from '../admin-audit/admin-audit.module.js';
import { ApiKeyStore } from './api-key.store.js';
import { AuthSettings } from './auth-settings.js';
import { Authenticator } from './authenticator.js';
import { JwtVerifier } from './jwt-verifier.js';

/**
 * Credentials: API keys and JWTs. Shared by the API (whose AppModule installs AuthGuard globally) and the
 * CLI (which creates and revokes keys); the guard lives in AppModule so the CLI never logs about HTTP.
 */
@Module({
  imports: [AdminAuditModule],
  providers: [AuthSettings, ApiKeyStore, JwtVerifier, Authenticator],
  exports: [AuthSettings, ApiKeyStore, Authenticator],
})
export class AuthModule {}
