import type { DisclosureReceipt } from '@finlet/contracts';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../storage/schema.js';

type Db = Kysely<Database> | Transaction<Database>;

export interface DisclosureStore {
  insert(receipt: DisclosureReceipt): Promise<void>;
  /** Newest first. */
  list(filter: {
    partnerId?: string;
    userId?: string;
    offerId?: string;
    limit: number;
  }): Promise<DisclosureReceipt[]>;
}

export class KyselyDisclosureStore implements DisclosureStore {
  constructor(private readonly db: Db) {}

  async insert(receipt: DisclosureReceipt): Promise<void> {
    await this.db
      .insertInto('disclosure_receipts')
      .values({
        id: receipt.id,
        partner_id: receipt.partnerId,
        user_id: receipt.userId,
        surface: receipt.surface,
        locale: receipt.locale,
        shown_at: receipt.shownAt,
        offers: JSON.stringify(receipt.offers),
        offer_ids: ` ${receipt.offers.map((o) => o.id).join(' ')} `,
      })
      .execute();
  }

  async list(filter: {
    partnerId?: string;
    userId?: string;
    offerId?: string;
    limit: number;
  }): Promise<DisclosureReceipt[]> {
    let query = this.db.selectFrom('disclosure_receipts').selectAll();
    if (filter.partnerId) query = query.where('partner_id', '=', filter.partnerId);
    if (filter.userId) query = query.where('user_id', '=', filter.userId);
    if (filter.offerId) query = query.where('offer_ids', 'like', `% ${filter.offerId} %`);
    const rows = await query.orderBy('shown_at', 'desc').orderBy('id', 'desc').limit(filter.limit).execute();
    return rows.map((row) => ({
      id: row.id,
      partnerId: row.partner_id,
      userId: row.user_id,
      surface: row.surface as DisclosureReceipt['surface'],
      locale: row.locale as DisclosureReceipt['locale'],
      shownAt: row.shown_at,
      offers: JSON.parse(row.offers) as DisclosureReceipt['offers'],
    }));
  }
}
