import { generateApiKey, hashApiKey, parseApiKey } from './api-key-format.js';
import { grants, parseScopeList } from './scopes.js';

describe('scopes', () => {
  it('parses a comma-separated list and refuses unknown or missing scopes', () => {
    expect(parseScopeList('ledger:read, ledger:write,ledger:read')).toEqual(['ledger:read', 'ledger:write']);
    expect(() => parseScopeList('ledger:read,ledger:delete')).toThrow(/unknown scope ledger:delete/);
    expect(() => parseScopeList(undefined)).toThrow(/--scopes: is required/);
  });

  it('lets admin stand in for every scope, and nothing else for another', () => {
    expect(grants(['admin'], 'recon:run')).toBe(true);
    expect(grants(['ledger:write'], 'ledger:read')).toBe(false);
    expect(grants(['ledger:read'], 'ledger:read')).toBe(true);
  });
});

describe('API key format', () => {
  it('round-trips the id and hash of a generated key', () => {
    const generated = generateApiKey();
    expect(generated.key).toMatch(/^tly_[0-9a-f]{32}_[A-Za-z0-9_-]{43}$/);
    expect(generated.key.startsWith(generated.prefix)).toBe(true);
    expect(parseApiKey(generated.key)).toEqual({ id: generated.id, hash: generated.hash });
    expect(generated.hash).toEqual(hashApiKey(generated.key));
  });

  it('refuses anything not shaped like a key', () => {
    for (const token of ['', 'tly_', 'tly_abc_def', `tly_${'0'.repeat(32)}_${'a'.repeat(42)}`, `TLY_${'0'.repeat(32)}_${'a'.repeat(43)}`]) expect(parseApiKey(token)).toBeUndefined();
  });
});
