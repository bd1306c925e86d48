import { Injectable } from '@nestjs/common';
import { ApiKeyStore } from './api-key.store.js';
import { Unauthenticated } from './auth-errors.js';
import { JwtVerifier } from './jwt-verifier.js';
import type { Principal } from './principal.js';

/** API keys never contain dots; a JWT is three base64url parts joined by dots. */
const jwtShape = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/** Turns an `Authorization` header into a principal, or refuses it with 401. */
@Injectable()
export class Authenticator {
  constructor(
    private readonly apiKeys: ApiKeyStore,
    private readonly jwt: JwtVerifier,
  ) {}

  async authenticate(authorization: unknown): Promise<Principal> {
    if (authorization === undefined) throw new Unauthenticated('Send Authorization: Bearer <API key or JWT>');
    const match = typeof authorization === 'string' ? /^Bearer +(\S+) *$/i.exec(authorization) : null;
    if (!match) throw new Unauthenticated('The Authorization header must be "Bearer <API key or JWT>"');
    const token = match[1];
    if (jwtShape.test(token)) {
      if (!this.jwt.enabled) throw new Unauthenticated('JWT bearer tokens are not accepted here (no JWT_SECRET or JWT_JWKS_URL is configured)');
      const principal = await this.jwt.verify(token);
      // One message for every failure: which check failed would help an attacker more than a client.
      if (!principal) throw new Unauthenticated('The JWT is invalid, expired, or not for this service');
      return principal;
    }
    const principal = await this.apiKeys.authenticate(token);
    if (!principal) throw new Unauthenticated('The API key is unknown, malformed or revoked');
    return principal;
  }
}
