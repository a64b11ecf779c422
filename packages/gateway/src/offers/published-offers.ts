import type { Offer } from '@finlet/contracts';
import type { Store } from '../storage/store.js';

/**
 * The published catalogue, read on every match. It is cached per instance for `ttlMs()` so that a
 * match does not parse every offer from the database; a publish on any instance drops every
 * instance's copy over the bus (`invalidate()`), and the lifetime is only a safety net.
 */
export class PublishedOffers {
  private cache: { offers: Offer[]; until: number } | undefined;
  private loading: Promise<Offer[]> | undefined;
  private generation = 0;
  private readonly ttlMs: () => number;

  constructor(
    private readonly store: Store,
    ttlMs: number | (() => number) = 1_000,
  ) {
    this.ttlMs = typeof ttlMs === 'number' ? () => ttlMs : ttlMs;
  }

  async list(): Promise<Offer[]> {
    if (this.cache && this.cache.until >= Date.now()) return this.cache.offers;
    if (this.loading) return this.loading;
    const generation = this.generation;
    const loading = this.store.offers.listPublished().then(
      (offers) => {
        // A load that started before an invalidation may miss the change: it is not kept.
        if (generation === this.generation) {
          this.cache = { offers, until: Date.now() + this.ttlMs() };
        }
        if (this.loading === loading) this.loading = undefined;
        return offers;
      },
      (error: unknown) => {
        if (this.loading === loading) this.loading = undefined;
        throw error;
      },
    );
    this.loading = loading;
    return loading;
  }

  invalidate(): void {
    this.generation++;
    this.cache = undefined;
    this.loading = undefined;
  }
}
