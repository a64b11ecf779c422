import type { Partner } from '@finlet/contracts';
import type { PartnerKeyRecord } from '../keys/store.js';
import type { Store } from '../storage/store.js';

/**
 * Longest time an instance may answer from its copy of a partner or key: a revocation, a rotation's
 * end or a disabled partner made on any instance (or by the CLI on the database) holds on every
 * instance within it.
 */
export const CREDENTIAL_CACHE_MS = 1_000;

interface Cached<T> {
  value: T;
  until: number;
}

/**
 * Partner lookups for every authenticated request, cached briefly per instance. A disabled partner,
 * a revoked key or a changed origin list takes effect everywhere within `ttlMs` (at most
 * `CREDENTIAL_CACHE_MS`).
 */
export class PartnerDirectory {
  private byId = new Map<string, Cached<Partner | undefined>>();
  private byKeyId = new Map<string, Cached<{ key: PartnerKeyRecord; partner: Partner } | undefined>>();
  private origins: Cached<Set<string>> | undefined;
  readonly ttlMs: number;

  constructor(
    private readonly store: Store,
    ttlMs = CREDENTIAL_CACHE_MS,
  ) {
    this.ttlMs = Math.min(Math.max(0, ttlMs), CREDENTIAL_CACHE_MS);
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
      this.origins = { value: new Set(await this.store.partners.allOrigins()), until: now + this.ttlMs };
    }
    return this.origins.value.has(origin);
  }

  invalidate(): void {
    this.byId.clear();
    this.byKeyId.clear();
    this.origins = undefined;
  }

  private async cached<T>(map: Map<string, Cached<T>>, key: string, load: () => Promise<T>): Promise<T> {
    const now = Date.now();
    const hit = map.get(key);
    if (hit && hit.until >= now) return hit.value;
    const value = await load();
    if (map.size > 10_000) map.clear();
    map.set(key, { value, until: now + this.ttlMs });
    return value;
  }
}
