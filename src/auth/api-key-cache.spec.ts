import { ApiKeyCache, revoked, type CachedKey } from './api-key-cache.js';

const key = (name: string): CachedKey => ({ hash: Buffer.alloc(32, name), name, scopes: ['ledger:read'] });

describe('ApiKeyCache', () => {
  let now = 0;
  const cache = (options: { maxKeys?: number; maxRevoked?: number } = {}) => {
    const created = new ApiKeyCache({ ttlMs: 60_000, now: () => now, ...options });
    created.enable();
    return created;
  };
  beforeEach(() => (now = 0));

  it('holds nothing and remembers nothing while disabled', () => {
    const disabled = new ApiKeyCache();
    disabled.remember('a', key('a'), disabled.snapshot());
    expect(disabled.lookup('a')).toBeUndefined();
    const enabled = cache();
    enabled.remember('a', key('a'), enabled.snapshot());
    expect(enabled.lookup('a')).toMatchObject({ name: 'a' });
    enabled.disable();
    expect(enabled.lookup('a')).toBeUndefined();
    // Switched back on (the listener reconnected), it starts empty.
    enabled.enable();
    expect(enabled.lookup('a')).toBeUndefined();
  });

  it('does not store a read that an eviction of its id or a clear overtook', () => {
    const keys = cache();
    const before = keys.snapshot();
    now = 5;
    keys.evict('a');
    // Another key's revocation meanwhile does not spoil the read of this one.
    keys.evict('b');
    keys.remember('a', key('a'), before);
    keys.remember('c', key('c'), before);
    expect(keys.lookup('a')).toBeUndefined();
    expect(keys.lookup('c')).toMatchObject({ name: 'c' });
    // In the same clock tick, the eviction may have come after the read began.
    const sameTick = keys.snapshot();
    keys.evict('a');
    keys.remember('a', key('a'), sameTick);
    expect(keys.lookup('a')).toBeUndefined();
    now = 6;
    keys.remember('a', key('a'), keys.snapshot());
    expect(keys.lookup('a')).toMatchObject({ name: 'a' });
    keys.evict('a');
    now = 7;
    const beforeClear = keys.snapshot();
    keys.clear();
    keys.remember('a', key('a'), beforeClear);
    expect(keys.lookup('a')).toBeUndefined();
    // A read that began while the cache was off is not stored once it is back on.
    keys.disable();
    const whileOff = keys.snapshot();
    keys.enable();
    keys.remember('a', key('a'), whileOff);
    expect(keys.lookup('a')).toBeUndefined();
    keys.remember('a', key('a'), keys.snapshot());
    expect(keys.lookup('a')).toMatchObject({ name: 'a' });
  });

  it('stores a read that found the key revoked whatever came since: revocation is final', () => {
    const keys = cache();
    const before = keys.snapshot();
    keys.evict('a');
    keys.clear();
    keys.remember('a', revoked, before);
    expect(keys.lookup('a')).toBe(revoked);
  });

  it('does not store a read slower than ten seconds: its evictions may have been forgotten', () => {
    const keys = cache();
    const slow = keys.snapshot();
    now = 10_001;
    keys.remember('a', key('a'), slow);
    expect(keys.lookup('a')).toBeUndefined();
  });

  it('evicts an active or a revoked id', () => {
    const keys = cache();
    keys.remember('a', key('a'), keys.snapshot());
    keys.remember('b', revoked, keys.snapshot());
    expect(keys.lookup('b')).toBe(revoked);
    keys.evict('a');
    keys.evict('b');
    expect([keys.lookup('a'), keys.lookup('b')]).toEqual([undefined, undefined]);
  });

  it('forgets entries after the TTL', () => {
    const keys = cache();
    keys.remember('a', key('a'), keys.snapshot());
    now = 59_999;
    expect(keys.lookup('a')).toBeDefined();
    now = 60_000;
    expect(keys.lookup('a')).toBeUndefined();
  });

  it('drops the least recently used key beyond its bound, and keeps revoked keys apart', () => {
    const keys = cache({ maxKeys: 2, maxRevoked: 2 });
    keys.remember('a', key('a'), keys.snapshot());
    keys.remember('b', key('b'), keys.snapshot());
    keys.lookup('a');
    keys.remember('c', key('c'), keys.snapshot());
    expect(['a', 'b', 'c'].map((id) => keys.lookup(id) !== undefined)).toEqual([true, false, true]);
    // However many revoked keys are sent, they churn among themselves.
    for (let i = 0; i < 100; i++) keys.remember(`revoked-${i}`, revoked, keys.snapshot());
    expect(keys.lookup('a')).toMatchObject({ name: 'a' });
    expect(keys.lookup('c')).toMatchObject({ name: 'c' });
    expect(keys.size).toBe(4);
  });
});
