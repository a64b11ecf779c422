import { type Kysely, type Migration, sql } from 'kysely';
import type { Dialect } from '../storage/dialect.js';
import { rebuildFunnelRollups } from './funnel-rollup-store.js';

/**
 * `0020_funnel_rollups`: the acquisition funnel reads daily rollups (day in the bank's zone ×
 * partner × scenario × offer × step) kept with the events they count, instead of aggregating every
 * event of the range. The rollups of the history already recorded are built here.
 *
 * On PostgreSQL it also gives the inbox's `q` a trigram index (pg_trgm), so a name matched anywhere
 * (`LIKE '%…%'`) no longer reads every application; SQLite keeps its scan.
 */
export function funnelRollupsMigration(dialect: Dialect, timeZone: string): Migration {
  return {
    async up(db: Kysely<unknown>) {
      const keyed = (table: string) =>
        db.schema
          .createTable(table)
          .addColumn('day', 'text', (c) => c.notNull())
          .addColumn('partner_id', 'text', (c) => c.notNull())
          .addColumn('scenario', 'text', (c) => c.notNull())
          .addColumn('offer_id', 'text', (c) => c.notNull())
          .addColumn('step', 'text', (c) => c.notNull());
      // Day first: the funnel reads a range of days, optionally narrowed to a partner, scenario or offer.
      await keyed('funnel_daily')
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('users', 'integer', (c) => c.notNull())
        .addColumn('events', 'integer', (c) => c.notNull())
        .addColumn('amount', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('funnel_daily_pkey', [
          'day',
          'partner_id',
          'scenario',
          'offer_id',
          'step',
          'currency',
        ])
        .execute();
      await keyed('funnel_daily_users')
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('funnel_daily_users_pkey', [
          'day',
          'partner_id',
          'scenario',
          'offer_id',
          'step',
          'user_id',
        ])
        .execute();
      await db.schema
        .createTable('funnel_outcomes')
        .addColumn('application_id', 'text', (c) => c.primaryKey())
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('partner_id', 'text', (c) => c.notNull())
        .addColumn('scenario', 'text', (c) => c.notNull())
        .addColumn('offer_id', 'text', (c) => c.notNull())
        .addColumn('step', 'text', (c) => c.notNull())
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('amount', 'bigint', (c) => c.notNull())
        .execute();
      await rebuildFunnelRollups(db, dialect, timeZone);
      if (dialect === 'postgres') await trigramIndex(db);
    },
  };
}

/**
 * `CREATE EXTENSION` is per database, not per schema: it goes to `public` so that tenants (and test
 * runs) in schemas of their own share one copy that dropping a schema does not take away. Where the
 * extension cannot be had (no privilege, no `public`), the inbox keeps working without the index.
 */
async function trigramIndex(db: Kysely<unknown>): Promise<void> {
  await sql`SAVEPOINT finlet_pg_trgm`.execute(db);
  try {
    await sql`CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public`.execute(db);
    await sql`RELEASE SAVEPOINT finlet_pg_trgm`.execute(db);
  } catch {
    // Another migration created it meanwhile, or it may not be created here: use it if it exists.
    await sql`ROLLBACK TO SAVEPOINT finlet_pg_trgm`.execute(db);
  }
  const found = await sql<{ schema: string }>`
    SELECT n.nspname AS schema FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
    WHERE e.extname = 'pg_trgm'`.execute(db);
  const schema = found.rows[0]?.schema;
  if (!schema) return;
  await sql`CREATE INDEX applications_search_trgm ON applications
    USING gin (search_name ${sql.id(schema)}.gin_trgm_ops)`.execute(db);
}
