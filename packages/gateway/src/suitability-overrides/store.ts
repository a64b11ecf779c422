import type {
  InvestorRiskLevel,
  Locale,
  ProductRiskLevel,
  SuitabilityAcknowledgement,
} from '@finlet/contracts';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../storage/schema.js';

type Db = Kysely<Database> | Transaction<Database>;

export interface SuitabilityOverrideStore {
  insert(ack: SuitabilityAcknowledgement): Promise<void>;
  /** One user's acknowledgements, oldest first (optionally for one offer). */
  listForUser(partnerId: string, userId: string, offerId?: string): Promise<SuitabilityAcknowledgement[]>;
}

export class KyselySuitabilityOverrideStore implements SuitabilityOverrideStore {
  constructor(private readonly db: Db) {}

  async insert(ack: SuitabilityAcknowledgement): Promise<void> {
    await this.db
      .insertInto('suitability_overrides')
      .values({
        id: ack.id,
        partner_id: ack.partnerId,
        user_id: ack.userId,
        offer_id: ack.offerId,
        offer_version: ack.offerVersion,
        investor_level: ack.investorLevel,
        product_level: ack.productLevel,
        wording: ack.wording,
        locale: ack.locale,
        acknowledged_at: ack.acknowledgedAt,
      })
      .execute();
  }

  async listForUser(
    partnerId: string,
    userId: string,
    offerId?: string,
  ): Promise<SuitabilityAcknowledgement[]> {
    let query = this.db
      .selectFrom('suitability_overrides')
      .selectAll()
      .where('partner_id', '=', partnerId)
      .where('user_id', '=', userId);
    if (offerId !== undefined) query = query.where('offer_id', '=', offerId);
    const rows = await query.orderBy('acknowledged_at').orderBy('id').execute();
    return rows.map((row) => ({
      id: row.id,
      partnerId: row.partner_id,
      userId: row.user_id,
      offerId: row.offer_id,
      offerVersion: Number(row.offer_version),
      investorLevel: row.investor_level as InvestorRiskLevel,
      productLevel: row.product_level as ProductRiskLevel,
      wording: row.wording,
      locale: row.locale as Locale,
      acknowledgedAt: row.acknowledged_at,
    }));
  }
}
