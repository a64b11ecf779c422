import type { Partner } from '@finlet/contracts';
import type { PartnerRecord, Store } from '../storage/store.js';

interface Cached<T> {
  value: T;
  until: number;
}

/**
 * Partner lookups for every authenticated request, cached for a few seconds per instance. A
 * disabled partner or a changed origin list takes effect everywhere within `ttlMs`.
 */
export class PartnerDirectory {
  private byId = new Map<string, Cached<Partner | undefined>>();
  private byKeyId = new Map<string, Cached<PartnerRecord | undefined>>();
  private origins: Cached<Set<string>> | undefined;

  constructor(
    private readonly store: Store,
    private readonly ttlMs = 5_000,
  ) {}

  async get(id: string): Promise<Partner | undefined> {
    return this.cached(this.byId, id, () => this.store.partners.get(id));
  }

  async getByKeyId(keyId: string): Promise<PartnerRecord | undefined> {
    return this.cached(this.byKeyId, keyId, () => this.store.partners.getByKeyId(keyId));
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
