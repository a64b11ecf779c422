import type { VersionStatus } from '@finlet/contracts';
import type { Kysely, Transaction } from 'kysely';
import { StoreConflictError } from '../storage/errors.js';
import type { Database } from '../storage/schema.js';

type Db = Kysely<Database> | Transaction<Database>;

interface Versioned {
  id: string;
  version: number;
  status: VersionStatus;
  updatedAt: string;
  publishedAt: string | null;
}

/** What the admin list of a table-like kind (rail, FX tables, thesaurus concepts) filters on. */
export interface TableFilter {
  status?: VersionStatus | undefined;
}

/**
 * Versions of a kind stored whole as one JSON body a row (rail and FX tables, thesaurus concepts):
 * the offer lifecycle and its compare-and-set rules.
 */
export interface VersionedTableStore<T extends Versioned> {
  /** Throws `StoreConflictError` when (id, version) exists. */
  insertVersion(table: T): Promise<void>;
  /** Replaces a version if its status is still `expectedStatus`; false when another writer won. */
  updateVersion(table: T, expectedStatus: VersionStatus): Promise<boolean>;
  getVersion(id: string, version: number): Promise<T | undefined>;
  /** Newest first. */
  listVersions(id: string): Promise<T[]>;
  listLatest(filter?: TableFilter): Promise<T[]>;
  /** Every published version (one per id), most recently published first. */
  listPublished(): Promise<T[]>;
  getPublished(id: string): Promise<T | undefined>;
  latestVersionNumber(id: string): Promise<number>;
}

const parse = <T>(text: string): T => JSON.parse(text) as T;

/** The tables with the columns of a versioned table (`id, version, status, updated_at, published_at, body`). */
export type VersionedTableName = {
  [K in keyof Database]: Database[K] extends VersionedRow
    ? VersionedRow extends Database[K]
      ? K
      : never
    : never;
}[keyof Database];

/** The row of a versioned table; a feature's migration creates it with {@link createVersionedTable}. */
export interface VersionedRow {
  id: string;
  version: number;
  status: VersionStatus;
  updated_at: string;
  published_at: string | null;
  body: string;
}

/**
 * A versioned table in `db`: the columns of {@link VersionedRow}, keyed by id and version, with an
 * index on the status.
 */
export async function createVersionedTable(db: Kysely<unknown>, table: string): Promise<void> {
  await db.schema
    .createTable(table)
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text')
    .addColumn('body', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint(`${table}_pk`, ['id', 'version'])
    .execute();
  await db.schema.createIndex(`${table}_status`).on(table).column('status').execute();
}

export class KyselyVersionedTableStore<T extends Versioned> implements VersionedTableStore<T> {
  // Every versioned table has the same columns; one name stands for any in the query builder's types.
  private readonly table: 'rail_tables';

  constructor(
    private readonly db: Db,
    table: VersionedTableName,
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

  async updateVersion(t: T, expectedStatus: VersionStatus): Promise<boolean> {
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

  async listLatest(filter: { status?: VersionStatus | undefined } = {}): Promise<T[]> {
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
