import type { Offer, OfferStatus, Scenario } from '@finlet/contracts';
import type { Kysely, Transaction } from 'kysely';
import { unique } from '../storage/errors.js';
import { json, parse } from '../storage/json.js';
import type { Database } from '../storage/schema.js';

type Db = Kysely<Database> | Transaction<Database>;

export interface OfferFilter {
  status?: OfferStatus;
  scenario?: Scenario | string;
}

export interface OfferStore {
  /** Throws `StoreConflictError` when (id, version) exists. */
  insertVersion(offer: Offer): Promise<void>;
  /**
   * Replaces a stored version if its status is still `expectedStatus` (compare-and-set);
   * returns false when another writer changed it first. With `expectedUpdatedAt` the stored
   * `updatedAt` must match too (an edit based on what the writer last read).
   */
  updateVersion(offer: Offer, expectedStatus: OfferStatus, expectedUpdatedAt?: string): Promise<boolean>;
  getVersion(id: string, version: number): Promise<Offer | undefined>;
  /** Every version of one offer, newest first. */
  listVersions(id: string): Promise<Offer[]>;
  /** The newest version of every offer, matching the filter, ordered by id. */
  listLatest(filter?: OfferFilter): Promise<Offer[]>;
  /** Approved versions waiting for a scheduled publish (`scheduledPublishAt` set), soonest first. */
  listScheduled(): Promise<Offer[]>;
  /** Every version whose status is `published`, ordered by id. */
  listPublished(): Promise<Offer[]>;
  /** The published version of one offer, if any. */
  getPublished(id: string): Promise<Offer | undefined>;
  /** 0 when the offer does not exist. */
  latestVersionNumber(id: string): Promise<number>;
}

export class KyselyOfferStore implements OfferStore {
  constructor(private readonly db: Db) {}

  async insertVersion(offer: Offer): Promise<void> {
    await unique(
      this.db
        .insertInto('offer_versions')
        .values({
          offer_id: offer.id,
          version: offer.version,
          status: offer.status,
          created_by: offer.createdBy,
          created_at: offer.createdAt,
          updated_at: offer.updatedAt,
          body: json(offer),
        })
        .execute(),
      `offer ${offer.id} version ${offer.version}`,
    );
  }

  async updateVersion(
    offer: Offer,
    expectedStatus: OfferStatus,
    expectedUpdatedAt?: string,
  ): Promise<boolean> {
    let update = this.db.updateTable('offer_versions');
    if (expectedUpdatedAt !== undefined) update = update.where('updated_at', '=', expectedUpdatedAt);
    const result = await unique(
      update
        .set({
          status: offer.status,
          created_by: offer.createdBy,
          updated_at: offer.updatedAt,
          body: json(offer),
        })
        .where('offer_id', '=', offer.id)
        .where('version', '=', offer.version)
        .where('status', '=', expectedStatus)
        .executeTakeFirst(),
      `published version of ${offer.id}`,
    );
    return Number(result.numUpdatedRows) === 1;
  }

  async getVersion(id: string, version: number): Promise<Offer | undefined> {
    const row = await this.db
      .selectFrom('offer_versions')
      .select('body')
      .where('offer_id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return row && parse<Offer>(row.body);
  }

  async listVersions(id: string): Promise<Offer[]> {
    return (
      await this.db
        .selectFrom('offer_versions')
        .select('body')
        .where('offer_id', '=', id)
        .orderBy('version', 'desc')
        .execute()
    ).map((r) => parse<Offer>(r.body));
  }

  async listLatest(filter: OfferFilter = {}): Promise<Offer[]> {
    let query = this.db
      .selectFrom('offer_versions as o')
      .select('o.body')
      .where(({ eb, selectFrom }) =>
        eb(
          'o.version',
          '=',
          selectFrom('offer_versions as l')
            .select(({ fn }) => fn.max('l.version').as('v'))
            .whereRef('l.offer_id', '=', 'o.offer_id'),
        ),
      )
      .orderBy('o.offer_id');
    if (filter.status) query = query.where('o.status', '=', filter.status);
    const offers = (await query.execute()).map((r) => parse<Offer>(r.body));
    const scenario = filter.scenario;
    return scenario ? offers.filter((o) => (o.scenarios as string[]).includes(scenario)) : offers;
  }

  async listScheduled(): Promise<Offer[]> {
    return (
      await this.db
        .selectFrom('offer_versions')
        .select('body')
        .where('status', '=', 'approved')
        .orderBy('offer_id')
        .orderBy('version')
        .execute()
    )
      .map((r) => parse<Offer>(r.body))
      .filter((o) => typeof o.scheduledPublishAt === 'string')
      .sort((a, b) => String(a.scheduledPublishAt).localeCompare(String(b.scheduledPublishAt)));
  }

  async listPublished(): Promise<Offer[]> {
    return (
      await this.db
        .selectFrom('offer_versions')
        .select('body')
        .where('status', '=', 'published')
        .orderBy('offer_id')
        .execute()
    ).map((r) => parse<Offer>(r.body));
  }

  async getPublished(id: string): Promise<Offer | undefined> {
    const row = await this.db
      .selectFrom('offer_versions')
      .select('body')
      .where('offer_id', '=', id)
      .where('status', '=', 'published')
      .executeTakeFirst();
    return row && parse<Offer>(row.body);
  }

  async latestVersionNumber(id: string): Promise<number> {
    const row = await this.db
      .selectFrom('offer_versions')
      .select(({ fn }) => fn.max('version').as('v'))
      .where('offer_id', '=', id)
      .executeTakeFirst();
    return Number(row?.v ?? 0);
  }
}
