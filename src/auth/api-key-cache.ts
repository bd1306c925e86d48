import type { Scope } from './scopes.js';

/** What authenticating needs of an active key's row; the presented key's hash is compared with `hash` every time. */
export interface CachedKey {
  hash: Buffer;
  name: string;
  scopes: Scope[];
}

export interface ApiKeyCacheOptions {
  /** Active keys kept; the least recently used goes first. */
  maxKeys?: number;
  /**
   * Revoked keys kept (revocation is final, so a client that keeps sending one costs nothing), apart from the
   * active ones so that they cannot push those out. Unknown ids are not kept: a key's creation is not announced.
   */
  maxRevoked?: number;
  /** A backstop: an entry is read from the database again this long after it was loaded, notices or not. */
  ttlMs?: number;
  now?: () => number;
}

export const revoked = Symbol('revoked');

/** When a database read of a key began; see ApiKeyCache.snapshot. */
export interface Snapshot {
  clears: number;
  at: number;
}

const readHorizonMs = 10_000;

/**
 * Verified API keys by id, so an authenticated request costs no database round trip. It is used only while
 * `enabled`: ApiKeyRevocations enables it while its LISTEN connection is up and evicts ids as revocations
 * are announced; otherwise every lookup misses and keys are read from the database each time.
 *
 * A database read that found a key active, and was under way when its id was evicted (or the cache cleared),
 * must not put back what it read: it may predate the revocation. So readers take `snapshot()` before the query, and `remember` stores
 * only when neither happened since. Evictions are remembered for `readHorizonMs`; a read slower than that
 * is not stored at all.
 */
export class ApiKeyCache {
  private readonly keys: Lru<CachedKey>;
  private readonly revokedIds: Lru<typeof revoked>;
  /** Id -> when it was last evicted, oldest first, none older than readHorizonMs. */
  private readonly evictions = new Map<string, number>();
  private readonly now: () => number;
  private clears = 0;
  private on = false;

  constructor({ maxKeys = 5_000, maxRevoked = 1_000, ttlMs = 60_000, now = () => performance.now() }: ApiKeyCacheOptions = {}) {
    this.now = now;
    this.keys = new Lru(maxKeys, ttlMs, now);
    this.revokedIds = new Lru(maxRevoked, ttlMs, now);
  }

  get enabled(): boolean {
    return this.on;
  }

  get size(): number {
    return this.keys.size + this.revokedIds.size;
  }

  /** The key's row, `revoked`, or undefined: ask the database. */
  lookup(id: string): CachedKey | typeof revoked | undefined {
    if (!this.on) return undefined;
    return this.keys.get(id) ?? this.revokedIds.get(id);
  }

  /** Take before reading the database; undefined when the cache is off (nothing will be remembered). */
  snapshot(): Snapshot | undefined {
    return this.on ? { clears: this.clears, at: this.now() } : undefined;
  }

  remember(id: string, found: CachedKey | typeof revoked, snapshot: Snapshot | undefined): void {
    if (!this.on || !snapshot) return;
    // Revocation is final: a read that saw it stays right whatever was announced since.
    if (found === revoked) return this.revokedIds.set(id, revoked);
    const evicted = this.evictions.get(id);
    // `>=`: an eviction in the same clock tick as the read's start may have followed it.
    if (snapshot.clears !== this.clears || (evicted !== undefined && evicted >= snapshot.at) || this.now() - snapshot.at > readHorizonMs) return;
    this.keys.set(id, found);
  }

  evict(id: string): void {
    const now = this.now();
    this.keys.delete(id);
    this.revokedIds.delete(id);
    this.evictions.delete(id);
    this.evictions.set(id, now);
    for (const [old, at] of this.evictions) {
      if (at >= now - readHorizonMs) break;
      this.evictions.delete(old);
    }
  }

  /** Starts using the cache, empty: notices sent while it was off were missed. */
  enable(): void {
    this.clear();
    this.on = true;
  }

  disable(): void {
    this.on = false;
    this.clear();
  }

  clear(): void {
    this.clears++;
    this.keys.clear();
    this.revokedIds.clear();
  }
}

/** A Map in least-recently-used order (a Map iterates in insertion order; a hit is moved to the end). */
class Lru<T> {
  private readonly entries = new Map<string, { value: T; expiresAt: number }>();

  constructor(
    private readonly max: number,
    private readonly ttlMs: number,
    private readonly now: () => number,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  get(id: string): T | undefined {
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    this.entries.delete(id);
    if (entry.expiresAt <= this.now()) return undefined;
    this.entries.set(id, entry);
    return entry.value;
  }

  set(id: string, value: T): void {
    this.entries.delete(id);
    this.entries.set(id, { value, expiresAt: this.now() + this.ttlMs });
    if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value!);
  }

  delete(id: string): void {
    this.entries.delete(id);
  }

  clear(): void {
    this.entries.clear();
  }
}
