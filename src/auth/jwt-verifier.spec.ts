import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import type { AuthSettings } from './auth-settings.js';
import { JwtVerifier } from './jwt-verifier.js';

/** JWKS verification against a local issuer: the path a production identity provider takes. */
describe('JwtVerifier with JWT_JWKS_URL', () => {
  let server: Server;
  let jwksUrl: string;
  let sign: (claims: Record<string, unknown>) => Promise<string>;

  beforeAll(async () => {
    const { publicKey, privateKey } = await generateKeyPair('ES256');
    const jwks = JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' }] });
    sign = (claims) => new SignJWT(claims).setProtectedHeader({ alg: 'ES256', kid: 'k1' }).setIssuer('https://idp.test').setAudience('tally').setIssuedAt().setExpirationTime('5m').sign(privateKey);
    server = createServer((_request, response) => response.writeHead(200, { 'content-type': 'application/json' }).end(jwks));
    await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
    jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks`;
  });

  afterAll(() => new Promise((closed) => server.close(closed)));

  const verifier = (jwt: Partial<AuthSettings['jwt']>) => new JwtVerifier({ jwt: { maxLifetimeSeconds: 86_400, maxAgeSeconds: 86_400, ...jwt } } as AuthSettings);

  it('accepts a token signed by a published key, with issuer and audience checked, scopes from an array', async () => {
    const principal = await verifier({ jwksUrl, issuer: 'https://idp.test', audience: 'tally' }).verify(await sign({ sub: 'svc-1', scope: ['recon:run', 'nonsense'] }));
    expect(principal).toEqual({ id: 'jwt:svc-1', name: 'jwt:svc-1', scopes: ['recon:run'] });
  });

  it('refuses a wrong audience and an HS256 token when only a JWKS is configured', async () => {
    expect(await verifier({ jwksUrl, audience: 'someone-else' }).verify(await sign({ sub: 'svc-1' }))).toBeUndefined();
    const hs = await new SignJWT({ sub: 'x' }).setProtectedHeader({ alg: 'HS256' }).setIssuedAt().setExpirationTime('5m').sign(new TextEncoder().encode('k'.repeat(32)));
    expect(await verifier({ jwksUrl }).verify(hs)).toBeUndefined();
  });

  it('answers 503 AUTH_UNAVAILABLE, not 401, when the keys cannot be fetched', async () => {
    const closed = createServer();
    await new Promise<void>((listening) => closed.listen(0, '127.0.0.1', listening));
    const url = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/jwks`;
    await new Promise((done) => closed.close(done));
    await expect(verifier({ jwksUrl: url }).verify(await sign({ sub: 'svc-1' }))).rejects.toMatchObject({ code: 'AUTH_UNAVAILABLE', kind: 'unavailable' });
  });
});

/** Claims jose leaves to the application: the subject's type and the token's lifetime and age. */
describe('JwtVerifier claims (HS256)', () => {
  const secret = 'k'.repeat(32);
  const verifier = new JwtVerifier({ jwt: { secret, maxLifetimeSeconds: 86_400, maxAgeSeconds: 86_400 } } as AuthSettings);
  const now = Math.floor(Date.now() / 1000);
  const sign = (claims: Record<string, unknown>) => new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(secret));
  const valid = { sub: 'svc-1', iat: now - 60, exp: now + 300 };

  it('accepts a string subject with a short lifetime', async () => {
    expect(await verifier.verify(await sign(valid))).toEqual({ id: 'jwt:svc-1', name: 'jwt:svc-1', scopes: [] });
  });

  it.each([
    ['a numeric sub', { ...valid, sub: 12345 }],
    ['an object sub', { ...valid, sub: { a: 1 } }],
    ['an empty sub', { ...valid, sub: '' }],
    ['a sub with a newline', { ...valid, sub: 'a\nb' }],
    ['no iat', { sub: 'svc-1', exp: now + 300 }],
    ['an iat in the future', { ...valid, iat: now + 3_600, exp: now + 7_200 }],
    ['exp ten years ahead', { ...valid, exp: now + 10 * 365 * 86_400 }],
    ['a lifetime just over a day', { ...valid, iat: now - 10, exp: now - 10 + 86_401 }],
    ['an iat older than a day', { ...valid, iat: now - 86_400 - 120, exp: now + 60 }],
  ])('refuses %s', async (_name, claims) => {
    expect(await verifier.verify(await sign(claims))).toBeUndefined();
  });
});
