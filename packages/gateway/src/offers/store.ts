import type { Offer, OfferStatus, Scenario } from '@finlet/contracts';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../storage/schema.js';
import {
  KyselyVersionedContentStore,
  type VersionedContentStore,
} from '../storage/versioned-content-store.js';

export interface OfferFilter {
  status?: OfferStatus | undefined;
  scenario?: Scenario | string | undefined;
}

/** Offer versions: the versioned-content lifecycle, listed by status and scenario. */
export type OfferStore = VersionedContentStore<Offer, OfferFilter>;

export class KyselyOfferStore extends KyselyVersionedContentStore<Offer> implements OfferStore {
  constructor(db: Kysely<Database> | Transaction<Database>) {
    super(db, {
      table: 'offer_versions',
      idColumn: 'offer_id',
      describe: (id, version) => `offer ${id} version ${version}`,
      columns: (offer) => ({ offer_id: offer.id, created_by: offer.createdBy, created_at: offer.createdAt }),
      publishedNewestFirst: false,
    });
  }

  override async listLatest(filter: OfferFilter = {}): Promise<Offer[]> {
    const offers = await super.listLatest(filter);
    const scenario = filter.scenario;
    return scenario ? offers.filter((o) => o.scenarios.some((s) => s === scenario)) : offers;
  }
}
