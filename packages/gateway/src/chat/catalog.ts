import type { Offer, ThesaurusConcept } from '@finlet/contracts';
import { KnowledgeIndex, type ThesaurusEntry } from '@finlet/engine';
import type { PublishedOffers } from '../offers/published-offers.js';
import { withPreviewed } from '../preview/scope.js';
import type { Store } from '../storage/store.js';

/** A published concept as the engine's thesaurus reads it: its id, kind and terms. */
function entryOf(concept: ThesaurusConcept): ThesaurusEntry {
  return { id: concept.id, kind: concept.kind, terms: concept.terms };
}

/**
 * The advisor's retrieval index over published documents and offers, with the bank's published
 * thesaurus concepts added to the built-in thesaurus. Rebuilt only when the set of published
 * versions (documents, offers, concepts) changes, so a chat message never pays for it. The set is checked again after
 * `invalidate()` (a publish on any instance, over the bus) or after `ttlMs()` (a safety net).
 */
export class KnowledgeCatalog {
  #current: { key: string; index: KnowledgeIndex; offers: Offer[] } | undefined;
  #checkedAt = 0;
  #preview: { key: string; index: KnowledgeIndex; offers: Offer[] } | undefined;
  #loading: Promise<{ index: KnowledgeIndex; offers: Offer[] }> | undefined;
  #generation = 0;
  readonly #ttlMs: () => number;

  constructor(
    private readonly store: Store,
    private readonly offers: PublishedOffers,
    ttlMs: number | (() => number) = 1_000,
  ) {
    this.#ttlMs = typeof ttlMs === 'number' ? () => ttlMs : ttlMs;
  }

  async get(): Promise<{ index: KnowledgeIndex; offers: Offer[] }> {
    if (this.#current && Date.now() - this.#checkedAt < this.#ttlMs()) return this.#current;
    if (this.#loading) return this.#loading;
    const loading = this.#load().finally(() => {
      if (this.#loading === loading) this.#loading = undefined;
    });
    this.#loading = loading;
    return loading;
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
    const [documents, concepts] = await Promise.all([
      this.store.knowledge.listPublished(),
      this.store.thesaurus.listPublished(),
    ]);
    const thesaurus = concepts.map(entryOf);
    this.#preview = { key, index: new KnowledgeIndex({ documents, offers, thesaurus }), offers };
    return this.#preview;
  }

  invalidate(): void {
    this.#generation++;
    this.#checkedAt = 0;
    this.#loading = undefined;
  }

  async #load() {
    const generation = this.#generation;
    const [keys, offers, concepts] = await Promise.all([
      this.store.knowledge.publishedKeys(),
      this.offers.list(),
      // A few hundred small rows at most: read whole, they are also the key.
      this.store.thesaurus.listPublished(),
    ]);
    const key = [
      ...keys,
      ...offers.map((o) => `${o.id}@${o.version}`),
      ...concepts.map((c) => `~${c.id}@${c.version}`),
    ].join(',');
    if (!this.#current || this.#current.key !== key) {
      // Only a change of the published set reads the documents and rebuilds the index.
      const documents = await this.store.knowledge.listPublished();
      const thesaurus = concepts.map(entryOf);
      this.#current = { key, index: new KnowledgeIndex({ documents, offers, thesaurus }), offers };
    }
    // A check that started before an invalidation may have missed the change: check again next time.
    if (generation === this.#generation) this.#checkedAt = Date.now();
    return this.#current;
  }
}
