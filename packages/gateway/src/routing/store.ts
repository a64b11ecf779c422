import type { FxTable, RailTable, RouteQuote } from '@finlet/contracts';
import type { Kysely, Transaction } from 'kysely';
import type { VersionedTableStore } from '../admin/table-store.js';
import type { Database } from '../storage/schema.js';

export {
  KyselyVersionedTableStore,
  type TableFilter,
  type VersionedTableStore,
} from '../admin/table-store.js';

type Db = Kysely<Database> | Transaction<Database>;

export type RailTableStore = VersionedTableStore<RailTable>;
export type FxTableStore = VersionedTableStore<FxTable>;

export interface RouteQuoteRecord {
  partnerId: string;
  userId: string;
  quote: RouteQuote;
}

/** Quotes belong to one partner's user: every read takes both. */
export interface RouteQuoteStore {
  insert(record: RouteQuoteRecord): Promise<void>;
  get(partnerId: string, userId: string, id: string): Promise<RouteQuote | undefined>;
}

const parse = <T>(text: string): T => JSON.parse(text) as T;

export class KyselyRouteQuoteStore implements RouteQuoteStore {
  constructor(private readonly db: Db) {}

  async insert(r: RouteQuoteRecord): Promise<void> {
    await this.db
      .insertInto('route_quotes')
      .values({
        id: r.quote.id,
        partner_id: r.partnerId,
        user_id: r.userId,
        created_at: r.quote.createdAt,
        expires_at: r.quote.expiresAt,
        body: JSON.stringify(r.quote),
      })
      .execute();
  }

  async get(partnerId: string, userId: string, id: string): Promise<RouteQuote | undefined> {
    const row = await this.db
      .selectFrom('route_quotes')
      .select('body')
      .where('id', '=', id)
      .where('partner_id', '=', partnerId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return row ? parse<RouteQuote>(row.body) : undefined;
  }
}
