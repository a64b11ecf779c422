import type { Partner, PartnerRateLimits } from '@finlet/contracts';
import type { Kysely, Transaction } from 'kysely';
import type { SecretSealer } from '../secrets/sealer.js';
import { unique } from '../storage/errors.js';
import { json, parse } from '../storage/json.js';
import type { Database } from '../storage/schema.js';

type Db = Kysely<Database> | Transaction<Database>;

export interface PartnerRecord {
  partner: Partner;
  /**
   * The partner's first secret key (`fsk_<keyId>_<secret>`); authentication reads every key of
   * the partner from `partnerKeys`.
   */
  keyId: string;
  /** SHA-256 (hex) of the whole first secret key. */
  secretKeyHash: string;
  /** Standard Webhooks signing secret (`whsec_…`). */
  webhookSecret: string;
}

export interface PartnerStore {
  /** Throws `StoreConflictError` when the id or keyId exists. */
  create(record: PartnerRecord): Promise<void>;
  get(id: string): Promise<Partner | undefined>;
  list(): Promise<Partner[]>;
  /** Every origin any active partner allows (CORS preflights carry no credentials). */
  allOrigins(): Promise<string[]>;
  /** Replaces a partner's allowed origins (e.g. `finlet dev` on ephemeral ports); false when unknown. */
  updateOrigins(id: string, origins: readonly string[]): Promise<boolean>;
  /** Replaces a partner's own rate-limit budgets (null: the defaults); false when unknown. */
  updateRateLimits(id: string, limits: PartnerRateLimits | null): Promise<boolean>;
  /** Sets the status; returns the partner as it is now, or undefined when unknown. */
  setStatus(id: string, status: Partner['status']): Promise<Partner | undefined>;
}

export function toPartner(row: Database['partners']): Partner {
  return {
    id: row.id,
    name: row.name,
    origins: parse(row.origins),
    scenarios: parse(row.scenarios),
    webhookUrl: row.webhook_url,
    status: row.status,
    ...(row.rate_limits === null ? {} : { rateLimits: parse<PartnerRateLimits>(row.rate_limits) }),
    createdAt: row.created_at,
  };
}

export class KyselyPartnerStore implements PartnerStore {
  constructor(
    private readonly db: Db,
    private readonly sealer: SecretSealer,
  ) {}

  async create({ partner, keyId, secretKeyHash, webhookSecret }: PartnerRecord): Promise<void> {
    await unique(
      this.db
        .insertInto('partners')
        .values({
          id: partner.id,
          name: partner.name,
          origins: json(partner.origins),
          scenarios: json(partner.scenarios),
          webhook_url: partner.webhookUrl,
          status: partner.status,
          key_id: keyId,
          secret_key_hash: secretKeyHash,
          webhook_secret: this.sealer.seal(webhookSecret, 'partners.webhook_secret'),
          created_at: partner.createdAt,
          rate_limits: partner.rateLimits ? json(partner.rateLimits) : null,
        })
        .execute(),
      `partner ${partner.id}`,
    );
  }

  async get(id: string): Promise<Partner | undefined> {
    const row = await this.db.selectFrom('partners').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toPartner(row);
  }

  async list(): Promise<Partner[]> {
    return (
      await this.db.selectFrom('partners').selectAll().orderBy('created_at').orderBy('id').execute()
    ).map(toPartner);
  }

  async allOrigins(): Promise<string[]> {
    const rows = await this.db
      .selectFrom('partners')
      .select('origins')
      .where('status', '=', 'active')
      .execute();
    return [...new Set(rows.flatMap((r) => parse<string[]>(r.origins)))];
  }

  async updateOrigins(id: string, origins: readonly string[]): Promise<boolean> {
    const result = await this.db
      .updateTable('partners')
      .set({ origins: json([...origins]) })
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async updateRateLimits(id: string, limits: PartnerRateLimits | null): Promise<boolean> {
    const result = await this.db
      .updateTable('partners')
      .set({ rate_limits: limits === null ? null : json(limits) })
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async setStatus(id: string, status: Partner['status']): Promise<Partner | undefined> {
    await this.db.updateTable('partners').set({ status }).where('id', '=', id).execute();
    return this.get(id);
  }
}
