import { trustProxyOption, validateEnvironment } from './environment.js';

describe('validateEnvironment', () => {
  it('fills defaults', () => {
    const environment = validateEnvironment({});
    expect(environment).toMatchObject({ PORT: 3000, HOST: '127.0.0.1', LEDGER_ALLOW_OVERDRAFT: false, MIGRATIONS_RUN: true, BODY_LIMIT_BYTES: 1_048_576 });
  });

  it('converts strings from the environment', () => {
    expect(validateEnvironment({ PORT: '8080', LEDGER_ALLOW_OVERDRAFT: 'true', MIGRATIONS_RUN: '0' })).toMatchObject({ PORT: 8080, LEDGER_ALLOW_OVERDRAFT: true, MIGRATIONS_RUN: false });
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ LEDGER_ALLOW_OVERDRAFT: 'maybe' }, 'LEDGER_ALLOW_OVERDRAFT'],
    [{ LEDGER_CURRENCIES: 'usd' }, 'LEDGER_CURRENCIES'],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV'],
    [{ TRUST_PROXY: 'yes please' }, 'TRUST_PROXY'],
    [{ TRUST_PROXY: '2' }, 'TRUST_PROXY'],
  ])('stops on %j with a message naming %s', (raw, variable) => {
    expect(() => validateEnvironment(raw)).toThrow(new RegExp(`Invalid configuration:[\\s\\S]*${variable}=`));
  });

  it('reads TRUST_PROXY as Fastify expects it: off by default, a boolean, or proxy addresses', () => {
    expect(trustProxyOption(validateEnvironment({}).TRUST_PROXY)).toBe(false);
    expect(trustProxyOption(validateEnvironment({ TRUST_PROXY: 'true' }).TRUST_PROXY)).toBe(true);
    expect(trustProxyOption(validateEnvironment({ TRUST_PROXY: 'loopback,::1' }).TRUST_PROXY)).toBe('loopback,::1');
    expect(trustProxyOption(validateEnvironment({ TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' }).TRUST_PROXY)).toBe('10.0.0.0/8, 127.0.0.1');
  });
});
