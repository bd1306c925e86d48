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
  /** Unknown or revoked ids kept, apart from the active keys so that a flood of made-up ids cannot push those out. */
  maxRefused?: number;
  /** A backstop: an entry is read from the database again this long after it was loaded, notices or not. */
  ttlMs?: number;
  now?: () => number;
}

export const refused = Symbol('refused');

/**
 * Verified API keys by id, so an authenticated request costs no database round trip. It is used only while
 * `enabled`: ApiKeyRevocations enables it while its LISTEN connection is up and evicts ids as revocations
 * are announced; otherwise every lookup misses and keys are read from the database each time.
 *
 * A database read that was under way when an id was evicted (or the cache cleared) must not put back what it
 * read: it may predate the revocation. So readers take `snapshot()` before the query and `remember` only
 * stores when nothing was evicted since. Revocations are rare, so one counter for all ids is enough.
 */
export class ApiKeyCache {
  private readonly keys: Lru<CachedKey>;
  private readonly refusedIds: Lru<typeof refused>;
  private generation = 0;
  private on = false;

  constructor({ maxKeys = 5_000, maxRefused = 1_000, ttlMs = 60_000, now = Date.now }: ApiKeyCacheOptions = {}) {
    this.keys = new Lru(maxKeys, ttlMs, now);
    this.refusedIds = new Lru(maxRefused, ttlMs, now);
  }

  get enabled(): boolean {
    return this.on;
  }

  get size(): number {
    return this.keys.size + this.refusedIds.size;
  }

  /** The key's row, `refused` (unknown or revoked), or undefined: ask the database. */
  lookup(id: string): CachedKey | typeof refused | undefined {
    if (!this.on) return undefined;
    return this.keys.get(id) ?? this.refusedIds.get(id);
  }

  /** Take before reading the database; undefined when the cache is off (nothing will be remembered). */
  snapshot(): number | undefined {
    return this.on ? this.generation : undefined;
  }

  remember(id: string, found: CachedKey | typeof refused, snapshot: number | undefined): void {
    if (!this.on || snapshot !== this.generation) return;
    if (found === refused) this.refusedIds.set(id, refused);
    else this.keys.set(id, found);
  }

  evict(id: string): void {
    this.generation++;
    this.keys.delete(id);
    this.refusedIds.delete(id);
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
    this.generation++;
    this.keys.clear();
    this.refusedIds.clear();
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
