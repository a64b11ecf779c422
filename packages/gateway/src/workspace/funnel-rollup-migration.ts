import type { Kysely, Migration } from 'kysely';
import type { Dialect } from '../storage/migrations.js';
import { rebuildFunnelRollups } from './funnel-rollup-store.js';

/**
 * `0020_funnel_rollups`: the acquisition funnel reads daily rollups (day in the bank's zone ×
 * partner × scenario × offer × step) kept with the events they count, instead of aggregating every
 * event of the range. The rollups of the history already recorded are built here.
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
    },
  };
}
