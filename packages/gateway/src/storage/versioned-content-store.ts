import type { VersionStatus } from '@finlet/contracts';
import type { Kysely, Transaction } from 'kysely';
import { StoreConflictError, unique } from './errors.js';
import { json, parse } from './json.js';
import type { Database } from './schema.js';

type Db = Kysely<Database> | Transaction<Database>;

/** What the shared queries read of a version (the workflow fields carry more). */
export interface VersionedContent {
  id: string;
  version: number;
  status: VersionStatus;
  updatedAt: string;
  scheduledPublishAt?: string | null | undefined;
}

/**
 * The columns of any table of versions, as the shared queries see them: every such table has the
 * version, status, update time and JSON body; the id column and the columns a table adds (who
 * created a version, when it was published) are written by its {@link VersionedContentLayout}.
 */
interface ContentRow {
  id: string | null;
  offer_id: string | null;
  version: number;
  status: VersionStatus;
  updated_at: string;
  created_by: string | null;
  created_at: string | null;
  published_at: string | null;
  body: string;
}

/** The columns a layout writes besides version, status, update time and body. */
export type ContentColumns = Partial<
  Pick<ContentRow, 'id' | 'offer_id' | 'created_by' | 'created_at' | 'published_at'>
>;

/** The tables that hold versions of a kind of content. */
export type VersionedContentTable =
  | 'offer_versions'
  | 'knowledge_documents'
  | 'rail_tables'
  | 'fx_tables'
  | 'thesaurus_concepts'
  | 'risk_questionnaires';

/** Where and how one kind of content keeps its versions. */
export interface VersionedContentLayout<T extends VersionedContent> {
  table: VersionedContentTable;
  /** The column holding the content's id. */
  idColumn: 'id' | 'offer_id';
  /** What a conflict names (`offer scf-loan version 2`). */
  describe(id: string, version: number): string;
  /** The id column and the table's own columns, from a version. */
  columns(record: T): ContentColumns;
  /** Published versions come most recently published first (by `published_at`), else by id. */
  publishedNewestFirst: boolean;
}

/** What the admin list of one kind filters on. */
export interface ContentFilter {
  status?: VersionStatus | undefined;
}

/**
 * The versions of one kind of content, the same lifecycle and compare-and-set rules for every kind;
 * `F` is what its admin list filters on.
 */
export interface VersionedContentStore<T, F = ContentFilter> {
  /** Throws `StoreConflictError` when (id, version) exists, or when the table refuses the version. */
  insertVersion(record: T): Promise<void>;
  /**
   * Replaces a stored version if its status is still `expectedStatus` (compare-and-set); false when
   * another writer changed it first. With `expectedUpdatedAt` the stored `updatedAt` must match too
   * (an edit based on what the writer last read).
   */
  updateVersion(record: T, expectedStatus: VersionStatus, expectedUpdatedAt?: string): Promise<boolean>;
  getVersion(id: string, version: number): Promise<T | undefined>;
  /** Every version of one id, newest first. */
  listVersions(id: string): Promise<T[]>;
  /** The newest version of every id, matching the filter, ordered by id. */
  listLatest(filter?: F): Promise<T[]>;
  /** Approved versions waiting for a scheduled publish (`scheduledPublishAt` set), soonest first. */
  listScheduled(): Promise<T[]>;
  /** Every published version (one per id): by id, or most recently published first where the kind says so. */
  listPublished(): Promise<T[]>;
  /** `id@version` of every published version, ordered by id: a cheap check for catalogue changes. */
  publishedKeys(): Promise<string[]>;
  /** The published version of one id, if any. */
  getPublished(id: string): Promise<T | undefined>;
  /** 0 when the id has no version. */
  latestVersionNumber(id: string): Promise<number>;
}

/**
 * Versions of one kind of content (offers, knowledge documents, rail and FX tables, thesaurus
 * concepts, risk questionnaires), each stored whole as a JSON body a row: the queries of the
 * draft → review → publish workflow and its compare-and-set rules, written once.
 */
export class KyselyVersionedContentStore<T extends VersionedContent> implements VersionedContentStore<T> {
  // Every content table has the columns of `ContentRow` under one of the layouts; the query
  // builder sees them as one table, `content`, so that the queries are written once.
  private readonly db: Kysely<Database & { content: ContentRow }>;
  private readonly table: 'content';
  private readonly idColumn: 'id' | 'offer_id';

  constructor(
    db: Db,
    private readonly layout: VersionedContentLayout<T>,
  ) {
    this.db = db.withTables<{ content: ContentRow }>();
    // The one name no type can carry: `content` stands for the layout's table in every query.
    this.table = layout.table as unknown as 'content';
    this.idColumn = layout.idColumn;
  }

  async insertVersion(record: T): Promise<void> {
    const what = this.layout.describe(record.id, record.version);
    if (await this.getVersion(record.id, record.version)) throw new StoreConflictError(`${what} exists`);
    await unique(
      this.db
        .insertInto(this.table)
        .values({
          ...this.layout.columns(record),
          version: record.version,
          status: record.status,
          updated_at: record.updatedAt,
          body: json(record),
        })
        .execute(),
      what,
    );
  }

  async updateVersion(
    record: T,
    expectedStatus: VersionStatus,
    expectedUpdatedAt?: string,
  ): Promise<boolean> {
    let update = this.db.updateTable(this.table);
    if (expectedUpdatedAt !== undefined) update = update.where('updated_at', '=', expectedUpdatedAt);
    const result = await unique(
      update
        .set({
          ...this.layout.columns(record),
          status: record.status,
          updated_at: record.updatedAt,
          body: json(record),
        })
        .where(this.idColumn, '=', record.id)
        .where('version', '=', record.version)
        .where('status', '=', expectedStatus)
        .executeTakeFirst(),
      `published version of ${record.id}`,
    );
    return Number(result.numUpdatedRows) === 1;
  }

  async getVersion(id: string, version: number): Promise<T | undefined> {
    const row = await this.db
      .selectFrom(this.table)
      .select('body')
      .where(this.idColumn, '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return row ? parse<T>(row.body) : undefined;
  }

  async listVersions(id: string): Promise<T[]> {
    const rows = await this.db
      .selectFrom(this.table)
      .select('body')
      .where(this.idColumn, '=', id)
      .orderBy('version', 'desc')
      .execute();
    return rows.map((r) => parse<T>(r.body));
  }

  async listLatest(filter: ContentFilter = {}): Promise<T[]> {
    const id = this.idColumn;
    let query = this.db
      .selectFrom(`${this.table} as d`)
      .select('d.body')
      .where(({ eb, selectFrom }) =>
        eb(
          'd.version',
          '=',
          selectFrom(`${this.table} as l`)
            .select(({ fn }) => fn.max('l.version').as('v'))
            .whereRef(`l.${id}`, '=', `d.${id}`),
        ),
      )
      .orderBy(`d.${id}`);
    if (filter.status) query = query.where('d.status', '=', filter.status);
    return (await query.execute()).map((r) => parse<T>(r.body));
  }

  async listScheduled(): Promise<T[]> {
    const rows = await this.db
      .selectFrom(this.table)
      .select('body')
      .where('status', '=', 'approved')
      .orderBy(this.idColumn)
      .orderBy('version')
      .execute();
    return rows
      .map((r) => parse<T>(r.body))
      .filter((t) => typeof t.scheduledPublishAt === 'string')
      .sort((a, b) => String(a.scheduledPublishAt).localeCompare(String(b.scheduledPublishAt)));
  }

  async listPublished(): Promise<T[]> {
    let query = this.db.selectFrom(this.table).select('body').where('status', '=', 'published');
    if (this.layout.publishedNewestFirst) query = query.orderBy('published_at', 'desc');
    const rows = await query.orderBy(this.idColumn).execute();
    return rows.map((r) => parse<T>(r.body));
  }

  async publishedKeys(): Promise<string[]> {
    const rows = await this.db
      .selectFrom(this.table)
      .select([`${this.idColumn} as id`, 'version'])
      .where('status', '=', 'published')
      .orderBy(this.idColumn)
      .execute();
    return rows.map((r) => `${r.id}@${Number(r.version)}`);
  }

  async getPublished(id: string): Promise<T | undefined> {
    const row = await this.db
      .selectFrom(this.table)
      .select('body')
      .where(this.idColumn, '=', id)
      .where('status', '=', 'published')
      .executeTakeFirst();
    return row ? parse<T>(row.body) : undefined;
  }

  async latestVersionNumber(id: string): Promise<number> {
    const row = await this.db
      .selectFrom(this.table)
      .select(({ fn }) => fn.max('version').as('v'))
      .where(this.idColumn, '=', id)
      .executeTakeFirst();
    return Number(row?.v ?? 0);
  }
}
