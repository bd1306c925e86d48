import { validateEnvironment } from './environment.js';

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
  ])('stops on %j with a message naming %s', (raw, variable) => {
    expect(() => validateEnvironment(raw)).toThrow(new RegExp(`Invalid configuration:[\\s\\S]*${variable}=`));
  });
});
