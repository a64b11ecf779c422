import type { Offer } from '@finlet/contracts';
import { KnowledgeIndex } from '@finlet/engine';
import type { PublishedOffers } from '../offers/published-offers.js';
import { withPreviewed } from '../preview/scope.js';
import type { Store } from '../storage/store.js';

/**
 * The advisor's retrieval index over published documents and offers. Rebuilt only when the set of
 * published versions changes (checked at most every `ttlMs`), so a chat message never pays for it.
 */
export class KnowledgeCatalog {
  #current: { key: string; index: KnowledgeIndex; offers: Offer[] } | undefined;
  #checkedAt = 0;
  #preview: { key: string; index: KnowledgeIndex; offers: Offer[] } | undefined;
  #loading: Promise<{ index: KnowledgeIndex; offers: Offer[] }> | undefined;

  constructor(
    private readonly store: Store,
    private readonly offers: PublishedOffers,
    private readonly ttlMs = 1_000,
  ) {}

  async get(): Promise<{ index: KnowledgeIndex; offers: Offer[] }> {
    if (this.#current && Date.now() - this.#checkedAt < this.ttlMs) return this.#current;
    this.#loading ??= this.#load().finally(() => {
      this.#loading = undefined;
    });
    return this.#loading;
  }

  /**
   * The index with one offer replaced by (or added as) a version that is not published: what the
   * advisor would answer once it is (an admin preview). The last such index is kept.
   */
  async withOffer(offer: Offer): Promise<{ index: KnowledgeIndex; offers: Offer[] }> {
    const base = await this.get();
    const key = `${this.#current?.key ?? ''}|${offer.id}@${offer.version}@${offer.updatedAt}`;
    if (this.#preview?.key === key) return this.#preview;
    const offers = withPreviewed(base.offers, offer);
    const documents = await this.store.knowledge.listPublished();
    this.#preview = { key, index: new KnowledgeIndex({ documents, offers }), offers };
    return this.#preview;
  }

  invalidate(): void {
    this.#checkedAt = 0;
  }

  async #load() {
    const [keys, offers] = await Promise.all([this.store.knowledge.publishedKeys(), this.offers.list()]);
    const key = [...keys, ...offers.map((o) => `${o.id}@${o.version}`)].join(',');
    if (!this.#current || this.#current.key !== key) {
      // Only a change of the published set reads the documents and rebuilds the index.
      const documents = await this.store.knowledge.listPublished();
      this.#current = { key, index: new KnowledgeIndex({ documents, offers }), offers };
    }
    this.#checkedAt = Date.now();
    return this.#current;
  }
}
