import type { Partner } from '@finlet/contracts';
import type { PartnerKeyRecord } from '../keys/store.js';
import type { Store } from '../storage/store.js';

/**
 * Longest time an instance may answer from its copy of a partner or key when no bus tells it of
 * changes (SQLite, or while its PostgreSQL listening connection is down). With a live bus a
 * revocation, a rotation's end or a disabled partner reaches every instance as a message, and the
 * copies live longer (`CacheInvalidation.ttlMs`).
 */
export const CREDENTIAL_CACHE_MS = 1_000;

interface Cached<T> {
  value: T;
  until: number;
}

/**
 * Partner lookups for every authenticated request, cached per instance for `ttlMs()` and dropped
 * by `invalidate()` (which the bus calls on every instance). A miss (an unknown key) is kept no
 * longer than `CREDENTIAL_CACHE_MS`, so a partner created directly in the database is found soon.
 */
export class PartnerDirectory {
  private byId = new Map<string, Cached<Partner | undefined>>();
  private byKeyId = new Map<string, Cached<{ key: PartnerKeyRecord; partner: Partner } | undefined>>();
  private origins: Cached<Set<string>> | undefined;
  /** Bumped by `invalidate()`: a load that started before it is not kept. */
  private generation = 0;
  private readonly ttlMs: () => number;

  constructor(
    private readonly store: Store,
    ttlMs: number | (() => number) = CREDENTIAL_CACHE_MS,
  ) {
    this.ttlMs = typeof ttlMs === 'number' ? () => ttlMs : ttlMs;
  }

  async get(id: string): Promise<Partner | undefined> {
    return this.cached(this.byId, id, () => this.store.partners.get(id));
  }

  /** A secret key's record and its partner, whatever their state (the caller checks both). */
  async getByKeyId(keyId: string): Promise<{ key: PartnerKeyRecord; partner: Partner } | undefined> {
    return this.cached(this.byKeyId, keyId, () => this.store.partnerKeys.lookup(keyId));
  }

  /** Origins that any active partner allows: enough to answer a CORS preflight, which has no credentials. */
  async isKnownOrigin(origin: string): Promise<boolean> {
    const now = Date.now();
    if (!this.origins || this.origins.until < now) {
      const generation = this.generation;
      const value = new Set(await this.store.partners.allOrigins());
      if (generation !== this.generation) return value.has(origin);
      this.origins = { value, until: now + this.ttlMs() };
    }
    return this.origins.value.has(origin);
  }

  invalidate(): void {
    this.generation++;
    this.byId.clear();
    this.byKeyId.clear();
    this.origins = undefined;
  }

  private async cached<T>(map: Map<string, Cached<T>>, key: string, load: () => Promise<T>): Promise<T> {
    const now = Date.now();
    const hit = map.get(key);
    if (hit && hit.until >= now) return hit.value;
    const generation = this.generation;
    const value = await load();
    // Invalidated while loading: the value may predate the change, so it answers this call only.
    if (generation !== this.generation) return value;
    if (map.size > 10_000) map.clear();
    const ttl = value === undefined ? Math.min(this.ttlMs(), CREDENTIAL_CACHE_MS) : this.ttlMs();
    map.set(key, { value, until: now + ttl });
    return value;
  }
}
