import type { Offer } from '@finlet/contracts';
import type { Store } from '../storage/store.js';

/**
 * The published catalogue, read on every match. It is cached per instance for `ttlMs` so that a
 * match does not parse every offer from the database; a publish on this instance refreshes it at
 * once, and other instances see it within `ttlMs`.
 */
export class PublishedOffers {
  private cache: { offers: Offer[]; until: number } | undefined;
  private loading: Promise<Offer[]> | undefined;

  constructor(
    private readonly store: Store,
    private readonly ttlMs = 1_000,
  ) {}

  async list(): Promise<Offer[]> {
    if (this.cache && this.cache.until >= Date.now()) return this.cache.offers;
    this.loading ??= this.store.offers.listPublished().then(
      (offers) => {
        this.cache = { offers, until: Date.now() + this.ttlMs };
        this.loading = undefined;
        return offers;
      },
      (error: unknown) => {
        this.loading = undefined;
        throw error;
      },
    );
    return this.loading;
  }

  invalidate(): void {
    this.cache = undefined;
  }
}
