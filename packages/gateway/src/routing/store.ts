import type { FxTable, RailTable, RailTableStatus, RouteQuote } from '@finlet/contracts';
import type { Kysely, Transaction } from 'kysely';
import { StoreConflictError } from '../storage/errors.js';
import type { Database } from '../storage/schema.js';

type Db = Kysely<Database> | Transaction<Database>;

interface Versioned {
  id: string;
  version: number;
  status: RailTableStatus;
  updatedAt: string;
  publishedAt: string | null;
}

/** What the admin list of rail or FX tables filters on. */
export interface TableFilter {
  status?: RailTableStatus | undefined;
}

/** Rail and FX table versions: the offer lifecycle and its compare-and-set rules. */
export interface VersionedTableStore<T extends Versioned> {
  /** Throws `StoreConflictError` when (id, version) exists. */
  insertVersion(table: T): Promise<void>;
  /** Replaces a version if its status is still `expectedStatus`; false when another writer won. */
  updateVersion(table: T, expectedStatus: RailTableStatus): Promise<boolean>;
  getVersion(id: string, version: number): Promise<T | undefined>;
  /** Newest first. */
  listVersions(id: string): Promise<T[]>;
  listLatest(filter?: TableFilter): Promise<T[]>;
  /** Every published version (one per id), most recently published first. */
  listPublished(): Promise<T[]>;
  getPublished(id: string): Promise<T | undefined>;
  latestVersionNumber(id: string): Promise<number>;
}
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

export class KyselyVersionedTableStore<T extends Versioned> implements VersionedTableStore<T> {
  // The tables have the same columns; one name stands for each in the query builder's types.
  private readonly table: 'rail_tables';

  constructor(
    private readonly db: Db,
    table: 'rail_tables' | 'fx_tables' | 'risk_questionnaires',
  ) {
    this.table = table as 'rail_tables';
  }

  async insertVersion(t: T): Promise<void> {
    if (await this.getVersion(t.id, t.version))
      throw new StoreConflictError(`${this.table} ${t.id}@${t.version} exists`);
    try {
      await this.db
        .insertInto(this.table)
        .values({
          id: t.id,
          version: t.version,
          status: t.status,
          updated_at: t.updatedAt,
          published_at: t.publishedAt,
          body: JSON.stringify(t),
        })
        .execute();
    } catch (error) {
      throw new StoreConflictError(`${this.table} ${t.id}@${t.version} exists`, { cause: error });
    }
  }

  async updateVersion(t: T, expectedStatus: RailTableStatus): Promise<boolean> {
    const result = await this.db
      .updateTable(this.table)
      .set({
        status: t.status,
        updated_at: t.updatedAt,
        published_at: t.publishedAt,
        body: JSON.stringify(t),
      })
      .where('id', '=', t.id)
      .where('version', '=', t.version)
      .where('status', '=', expectedStatus)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async getVersion(id: string, version: number): Promise<T | undefined> {
    const row = await this.db
      .selectFrom(this.table)
      .select('body')
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return row ? parse<T>(row.body) : undefined;
  }

  async listVersions(id: string): Promise<T[]> {
    const rows = await this.db
      .selectFrom(this.table)
      .select('body')
      .where('id', '=', id)
      .orderBy('version', 'desc')
      .execute();
    return rows.map((r) => parse<T>(r.body));
  }

  async listLatest(filter: { status?: RailTableStatus | undefined } = {}): Promise<T[]> {
    const rows = await this.db
      .selectFrom(`${this.table} as d`)
      .select('d.body')
      .where(({ eb, selectFrom }) =>
        eb(
          'd.version',
          '=',
          selectFrom(`${this.table} as l`)
            .select(({ fn }) => fn.max('l.version').as('v'))
            .whereRef('l.id', '=', 'd.id'),
        ),
      )
      .orderBy('d.id')
      .execute();
    return rows
      .map((r) => parse<T>(r.body))
      .filter((t) => (filter.status ? t.status === filter.status : true));
  }

  async listPublished(): Promise<T[]> {
    const rows = await this.db
      .selectFrom(this.table)
      .select('body')
      .where('status', '=', 'published')
      .orderBy('published_at', 'desc')
      .orderBy('id')
      .execute();
    return rows.map((r) => parse<T>(r.body));
  }

  async getPublished(id: string): Promise<T | undefined> {
    const row = await this.db
      .selectFrom(this.table)
      .select('body')
      .where('id', '=', id)
      .where('status', '=', 'published')
      .executeTakeFirst();
    return row ? parse<T>(row.body) : undefined;
  }

  async latestVersionNumber(id: string): Promise<number> {
    const row = await this.db
      .selectFrom(this.table)
      .select(({ fn }) => fn.max('version').as('v'))
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(row?.v ?? 0);
  }
}

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
