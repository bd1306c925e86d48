import { validateEnvironment } from '../config/environment.js';
import { authRequirement, isLoopbackHost } from './auth-policy.js';

describe('authRequirement (AUTH_REQUIRED default)', () => {
  const of = (raw: Record<string, string>) => authRequirement(validateEnvironment(raw));

  it('is off for local development on loopback, and says how to turn it on', () => {
    for (const HOST of ['127.0.0.1', '::1', 'localhost', '127.0.0.2']) expect(of({ HOST })).toMatchObject({ required: false, reason: expect.stringContaining('AUTH_REQUIRED=true') });
    expect(of({})).toMatchObject({ required: false });
  });

  it('is on in production and on any non-loopback HOST', () => {
    expect(of({ NODE_ENV: 'production' })).toEqual({ required: true, reason: 'NODE_ENV=production' });
    expect(of({ HOST: '0.0.0.0' })).toMatchObject({ required: true, reason: expect.stringContaining('0.0.0.0') });
    expect(of({ HOST: '10.1.2.3', NODE_ENV: 'test' })).toMatchObject({ required: true });
  });

  it('follows an explicit AUTH_REQUIRED either way', () => {
    expect(of({ AUTH_REQUIRED: 'false', NODE_ENV: 'production', HOST: '0.0.0.0' })).toMatchObject({ required: false });
    expect(of({ AUTH_REQUIRED: 'true' })).toMatchObject({ required: true });
    expect(() => validateEnvironment({ AUTH_REQUIRED: 'sometimes' })).toThrow(/AUTH_REQUIRED=/);
  });

  it('does not mistake look-alike hosts for loopback', () => {
    expect(isLoopbackHost('127.0.0.1.example.com')).toBe(false);
    expect(isLoopbackHost('localhost.example.com')).toBe(false);
  });

  it('refuses a short JWT_SECRET and a plain-http JWKS URL off loopback', () => {
    expect(() => validateEnvironment({ JWT_SECRET: 'short' })).toThrow(/JWT_SECRET=/);
    expect(() => validateEnvironment({ JWT_JWKS_URL: 'http://idp.example.com/jwks' })).toThrow(/JWT_JWKS_URL=/);
    expect(validateEnvironment({ JWT_JWKS_URL: 'https://idp.example.com/jwks' }).JWT_JWKS_URL).toBe('https://idp.example.com/jwks');
  });
});
