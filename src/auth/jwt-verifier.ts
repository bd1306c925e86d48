import { Injectable } from '@nestjs/common';
import { createRemoteJWKSet, decodeProtectedHeader, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { DomainError } from '../common/errors/domain-error.js';
import { AuthSettings } from './auth-settings.js';
import type { Principal } from './principal.js';
import { isScope, type Scope } from './scopes.js';

/** Asymmetric algorithms only for JWKS keys, so a token can never be checked as HMAC with a public key. */
const jwksAlgorithms = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

/** Slack for clocks that disagree a little, applied to `exp` and to an `iat` slightly in the future. */
const clockToleranceSeconds = 30;
/** `sub` becomes the principal `jwt:<sub>`, stored with every write and written to logs. */
const subjectPattern = /^[\x21-\x7e]{1,255}$/;

/**
 * Verifies JWT bearer tokens: HS256 with JWT_SECRET, or keys from JWT_JWKS_URL (fetched and cached by
 * jose); the header's `alg` picks which when both are set. `sub`, `exp` and `iat` are required: a token
 * must name someone (a string of visible ASCII) to record as actor, must not be issued in the future, and
 * must not live or have lived longer than JWT_MAX_LIFETIME_SECONDS / JWT_MAX_AGE_SECONDS, so a leaked
 * token is worth a day at most, whatever `exp` its issuer wrote.
 */
@Injectable()
export class JwtVerifier {
  private readonly secret?: Uint8Array;
  private readonly jwks?: JWTVerifyGetKey;

  constructor(private readonly settings: AuthSettings) {
    const { secret, jwksUrl } = settings.jwt;
    if (secret) this.secret = new TextEncoder().encode(secret);
    if (jwksUrl) this.jwks = keysOrUnavailable(createRemoteJWKSet(new URL(jwksUrl)));
  }

  get enabled(): boolean {
    return this.secret !== undefined || this.jwks !== undefined;
  }

  /** The token's principal, or undefined when it does not verify (signature, expiry, issuer, audience). */
  async verify(token: string): Promise<Principal | undefined> {
    const { issuer, audience, maxAgeSeconds } = this.settings.jwt;
    const common = { issuer, audience, requiredClaims: ['sub', 'exp', 'iat'], maxTokenAge: maxAgeSeconds, clockTolerance: clockToleranceSeconds };
    try {
      const useSecret = this.secret && (!this.jwks || decodeProtectedHeader(token).alg === 'HS256');
      const { payload } = useSecret
        ? await jwtVerify(token, this.secret!, { ...common, algorithms: ['HS256'] })
        : this.jwks
          ? await jwtVerify(token, this.jwks, { ...common, algorithms: jwksAlgorithms })
          : { payload: undefined };
      if (!payload || !this.claimsAcceptable(payload)) return undefined;
      const id = `jwt:${payload.sub}`;
      return { id, name: id, scopes: scopesOf(payload) };
    } catch (error) {
      if (error instanceof SigningKeysUnavailable) throw error;
      return undefined;
    }
  }

  /** What jose does not check: `sub` is a plain string (not 12345 or an object), the lifetime is bounded. */
  private claimsAcceptable(payload: JWTPayload): boolean {
    const { sub, iat, exp } = payload as { sub: unknown; iat: number; exp: number };
    return typeof sub === 'string' && subjectPattern.test(sub) && exp - iat <= this.settings.jwt.maxLifetimeSeconds;
  }
}

/** 503, not 401: when the issuer's keys cannot be fetched the token may be fine, and the client should retry. */
export class SigningKeysUnavailable extends DomainError {
  constructor() {
    super('AUTH_UNAVAILABLE', 'unavailable', 'The JWT signing keys (JWT_JWKS_URL) could not be fetched; retry later');
  }
}

/** Errors that mean the token names no usable key; anything else (network, HTTP status, bad JWKS body) is the issuer's. */
const tokenKeyErrors = [errors.JWKSNoMatchingKey, errors.JWKSMultipleMatchingKeys, errors.JOSENotSupported, errors.JOSEAlgNotAllowed];

function keysOrUnavailable(remote: JWTVerifyGetKey): JWTVerifyGetKey {
  return async (header, token) => {
    try {
      return await remote(header, token);
    } catch (error) {
      if (tokenKeyErrors.some((type) => error instanceof type)) throw error;
      throw new SigningKeysUnavailable();
    }
  };
}

/** `scope` as an OAuth space-separated string or as an array; scopes Tally does not know are ignored. */
function scopesOf(payload: JWTPayload): Scope[] {
  const claim = payload.scope;
  const entries = typeof claim === 'string' ? claim.split(' ') : Array.isArray(claim) ? claim : [];
  return [...new Set(entries.filter(isScope))];
}
