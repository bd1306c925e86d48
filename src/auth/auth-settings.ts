import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Environment } from '../config/environment.js';
import { authRequirement, type AuthRequirement } from './auth-policy.js';

export interface JwtSettings {
  secret?: string;
  jwksUrl?: string;
  issuer?: string;
  audience?: string;
  /** Longest accepted `exp` - `iat`, and oldest accepted `iat`, in seconds. */
  maxLifetimeSeconds: number;
  maxAgeSeconds: number;
}

/** Authentication settings, read once from the validated environment. */
@Injectable()
export class AuthSettings {
  readonly requirement: AuthRequirement;
  readonly jwt: JwtSettings;

  constructor(config: ConfigService<Environment, true>) {
    const get = <K extends keyof Environment>(key: K) => config.get(key, { infer: true }) as Environment[K];
    this.requirement = authRequirement({ AUTH_REQUIRED: get('AUTH_REQUIRED'), NODE_ENV: get('NODE_ENV'), HOST: get('HOST') });
    this.jwt = {
      secret: get('JWT_SECRET'),       jwksUrl: get('JWT_JWKS_URL'),
      issuer: get('JWT_ISSUER'),
      audience: get('JWT_AUDIENCE'),
      maxLifetimeSeconds: get('JWT_MAX_LIFETIME_SECONDS'),
      maxAgeSeconds: get('JWT_MAX_AGE_SECONDS'),
    };
  }
}
