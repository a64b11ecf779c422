import type { VersionStatus } from '@finlet/contracts';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../storage/schema.js';
import {
  type ContentFilter,
  KyselyVersionedContentStore,
  type VersionedContentStore,
} from '../storage/versioned-content-store.js';
import type { VersionedRow } from './versioned-row.js';

type Db = Kysely<Database> | Transaction<Database>;

interface Versioned {
  id: string;
  version: number;
  status: VersionStatus;
  updatedAt: string;
  publishedAt: string | null;
}

/** What the admin list of a table-like kind (rail, FX tables, thesaurus concepts) filters on. */
export type TableFilter = ContentFilter;

/**
 * Versions of a kind stored whole as one JSON body a row (rail and FX tables, thesaurus concepts):
 * the offer lifecycle and its compare-and-set rules; published versions most recently published first.
 */
export type VersionedTableStore<T extends Versioned> = VersionedContentStore<T>;

/** The tables with the columns of a versioned table (`id, version, status, updated_at, published_at, body`). */
export type VersionedTableName = {
  [K in keyof Database]: Database[K] extends VersionedRow
    ? VersionedRow extends Database[K]
      ? K
      : never
    : never;
}[keyof Database];

export type { VersionedRow } from './versioned-row.js';

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

export class KyselyVersionedTableStore<T extends Versioned>
  extends KyselyVersionedContentStore<T>
  implements VersionedTableStore<T>
{
  constructor(db: Db, table: VersionedTableName) {
    super(db, {
      table,
      idColumn: 'id',
      describe: (id, version) => `${table} ${id}@${version}`,
      columns: (t) => ({ id: t.id, published_at: t.publishedAt }),
      publishedNewestFirst: true,
    });
  }
}
