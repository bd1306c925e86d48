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
    sign = (claims) => new SignJWT(claims).setProtectedHeader({ alg: 'ES256', kid: 'k1' }).setIssuer('https://idp.test').setAudience('tally').setExpirationTime('5m').sign(privateKey);
    server = createServer((_request, response) => response.writeHead(200, { 'content-type': 'application/json' }).end(jwks));
    await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
    jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks`;
  });

  afterAll(() => new Promise((closed) => server.close(closed)));

  const verifier = (jwt: AuthSettings['jwt']) => new JwtVerifier({ jwt } as AuthSettings);

  it('accepts a token signed by a published key, with issuer and audience checked, scopes from an array', async () => {
    const principal = await verifier({ jwksUrl, issuer: 'https://idp.test', audience: 'tally' }).verify(await sign({ sub: 'svc-1', scope: ['recon:run', 'nonsense'] }));
    expect(principal).toEqual({ name: 'jwt:svc-1', scopes: ['recon:run'] });
  });

  it('refuses a wrong audience and an HS256 token when only a JWKS is configured', async () => {
    expect(await verifier({ jwksUrl, audience: 'someone-else' }).verify(await sign({ sub: 'svc-1' }))).toBeUndefined();
    const hs = await new SignJWT({ sub: 'x' }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('5m').sign(new TextEncoder().encode('k'.repeat(32)));
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
